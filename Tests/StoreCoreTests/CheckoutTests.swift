import Testing
import StoreCore

@Suite struct CheckoutTests {
    static let card = "4242424242424242"

    /// Signed in, a physical cart, on the card screen with a good card typed.
    static func onCardScreen(_ lines: [(Product, Int)] = [(Fixture.dune, 1)], number: String = card) -> Harness {
        var harness = Harness.withCart(lines, signedIn: true)
        harness.press(.enter)
        if harness.state.screen == .address { harness.press(.enter) }
        harness.press(.enter)
        harness.type("Ana Smith")
        harness.press(.tab)
        harness.type(number)
        harness.press(.tab)
        harness.type("1229")
        harness.press(.tab)
        harness.type("123")
        return harness
    }

    static let orderBody = CreateOrderRequest(cartId: StoreAPIPaths.myCart, deliveryAddress: Fixture.address)

    @Test func checkoutSignedOutSignsInMergesTheCartAndContinues() {
        var harness = Harness.withCart([(Fixture.dune, 1)])
        harness.press(.enter)
        #expect(harness.state.screen == .signIn)
        #expect(harness.screen().contains("Sign in"))
        harness.type("ana@example.com")
        harness.press(.tab)
        harness.type("secret-pass")
        #expect(!harness.screen().contains("secret-pass"))
        harness.press(.enter)
        #expect(harness.requests == [.signIn(SignInRequest(email: "ana@example.com", password: "secret-pass"))])
        harness.answer(harness.requests[0], .session(Fixture.session))
        #expect(harness.requests == [.mergeCart(anonymousCartID: "cart-anon", token: "token-1")])
        harness.answer(harness.requests[0], .cart(Fixture.cart(StoreAPIPaths.myCart, [(Fixture.dune, 1)])))
        #expect(harness.state.screen == .address)
        let text = harness.screen()
        #expect(text.contains("Delivery address"))
        #expect(text.contains("1 Queen Street"))
        #expect(text.contains("Signed in as Ana Smith"))
        harness.press(.enter)
        #expect(harness.state.screen == .review)
        let review = harness.screen()
        #expect(review.contains("Review your order"))
        #expect(review.contains("Deliver to: Ana Smith, 1 Queen Street"))
        #expect(review.contains("NZD 32.99"))
        harness.press(.enter)
        #expect(harness.screen().contains("Card details"))
    }

    @Test func signInErrorsGoNextToTheirField() {
        var harness = Harness.withCart([(Fixture.dune, 1)])
        harness.press(.enter, .control("n"))
        #expect(harness.screen().contains("Sign up"))
        harness.type("ana@example.com")
        harness.press(.tab)
        harness.type("short")
        harness.press(.enter)
        #expect(harness.requests.isEmpty)
        #expect(harness.screen().contains("At least 8 characters"))
        harness.state.signIn.form["password"] = "long enough"
        for (id, value) in [("name", "Ana"), ("line1", "1 Queen St"), ("city", "Auckland"), ("postcode", "1010")] {
            harness.state.signIn.form[id] = value
        }
        harness.press(.enter)
        guard case .signUp? = harness.requests.first else { Issue.record("no sign-up sent"); return }
        harness.fail(harness.requests[0], Fixture.serviceError(409, type: "conflict", code: "email_taken",
                                                               "That email is already registered.", param: "email"))
        let line = harness.screen(100, 30).split(separator: "\n").first { $0.contains("Email") }
        #expect(line?.contains("That email is already registered.") == true)
        harness.press(.enter)
        harness.fail(harness.requests[0], Fixture.serviceError(401, type: "authentication_error", code: "bad", "Nope."))
        #expect(harness.screen(100, 30).contains("Nope."))
    }

    @Test func digitalOnlyCheckoutSkipsTheAddress() {
        var harness = Harness.withCart([(Fixture.ebook, 1)], signedIn: true)
        harness.press(.enter)
        #expect(harness.state.screen == .review)
        #expect(harness.screen().contains("Digital items only"))
    }

    @Test func placingAnOrderCreatesItThenAuthorisesPaymentAndGoesHome() {
        var harness = Self.onCardScreen()
        harness.press(.enter)
        let create = APIRequest.createOrder(Self.orderBody, idempotencyKey: "run-1-1", token: "token-1")
        #expect(harness.requests == [create])
        #expect(harness.screen().contains("creating order…"))
        // Enter again while in flight does nothing.
        #expect(harness.press(.enter).isEmpty)
        #expect(harness.press(.escape).isEmpty)
        #expect(harness.press(.character("c")).isEmpty)
        #expect(harness.state.screen == .placing)

        let order = Fixture.order()
        harness.answer(create, .order(order))
        guard case .confirmPayment(let intentID, let payment, let token, _)? = harness.requests.first else {
            Issue.record("expected payment, got \(harness.requests)"); return
        }
        #expect(intentID == "pi-TBS-7Q4K2M")
        #expect(payment.clientSecret == "secret-TBS-7Q4K2M")
        #expect(payment.card.number == Self.card)
        #expect(payment.card.expMonth == 12 && payment.card.expYear == 2029)
        #expect(token == "token-1")
        #expect(harness.screen().contains("authorising payment…"))
        let confirm = harness.requests[0]
        #expect(harness.press(.enter).isEmpty)

        harness.answer(confirm, .payment(PaymentResult(status: "succeeded",
                                                                   card: CardSummary(brand: .visa, last4: "4242"),
                                                                   orderId: order.id)))
        #expect(harness.state.screen == .home)
        let text = harness.screen()
        #expect(text.contains("Order TBS-7Q4K2M confirmed — receipt sent to ana@example.com"))
        #expect(text.contains("Cart: 0 items"))
        #expect(harness.state.checkout.card.digits.isEmpty)
        // Home reloads its featured products (their stock just changed) and the cart is emptied.
        #expect(harness.requests == [.products(ProductQuery(featured: true)),
                                     .emptyCart(cartID: StoreAPIPaths.myCart, token: "token-1")])
    }

    @Test func doubleEnterOnPlaceOrderMakesOneOrder() {
        var harness = Self.onCardScreen()
        let commands = harness.press(.enter, .enter, .enter)
        let creates = commands.requestList.filter { if case .createOrder = $0 { return true }; return false }
        #expect(creates.count == 1)
    }

    @Test func aRetryReusesTheIdempotencyKey() {
        var harness = Self.onCardScreen()
        harness.press(.enter)
        let create = harness.requests[0]
        harness.fail(create, .timedOut)
        #expect(harness.screen().contains("unreachable"))
        #expect(harness.press(.enter).isEmpty)
        #expect(harness.press(.character("r")).requestList == [create])
        // Going back and placing again is still the same attempt.
        harness.fail(create, Fixture.refused)
        harness.press(.escape)
        #expect(harness.state.screen == .card)
        #expect(harness.press(.enter).requestList == [create])
    }

    /// Declines the first card of a fresh checkout; the cart screen shows again with the cart refetched.
    static func declinedOnce() -> Harness {
        var harness = Self.onCardScreen()
        harness.press(.enter)
        harness.answer(harness.requests[0], .order(Fixture.order()))
        harness.fail(harness.requests[0], Fixture.serviceError(402, type: "card_error", code: "card_declined",
                                                               "Your card was declined."))
        return harness
    }

    /// From the cart, through address and review, to a typed card.
    static func checkOutAgain(_ harness: inout Harness, number: String) {
        harness.press(.enter, .enter, .enter)
        #expect(harness.state.screen == .card)
        harness.type("Ana Smith")
        harness.press(.tab)
        harness.type(number)
        harness.press(.tab)
        harness.type("1229")
        harness.press(.tab)
        harness.type("123")
    }

    @Test func aDeclineReturnsToTheCartAndTheNextTryPaysTheSameOrder() {
        var harness = Self.declinedOnce()
        #expect(harness.state.screen == .cart)
        let text = harness.screen()
        #expect(text.contains("Payment unsuccessful: Your card was declined."))
        #expect(text.contains("Dune"))
        #expect(harness.requests == [.cart(id: StoreAPIPaths.myCart, token: "token-1")])
        #expect(harness.state.checkout.card.digits.isEmpty)
        #expect(harness.state.checkout.card.form["cvc"].isEmpty)
        harness.answer(harness.requests[0], .cart(Fixture.cart(StoreAPIPaths.myCart, [(Fixture.dune, 1)])))

        Self.checkOutAgain(&harness, number: "4000000000000077")
        harness.press(.enter)
        // No second order: the declined order's intent is confirmed again, with the new card.
        #expect(harness.requests.count == 1)
        guard case .confirmPayment(let intentID, let payment, let token, _)? = harness.requests.first else {
            Issue.record("expected payment, got \(harness.requests)"); return
        }
        #expect(intentID == "pi-TBS-7Q4K2M")
        #expect(payment.clientSecret == "secret-TBS-7Q4K2M")
        #expect(payment.card.number == "4000000000000077")
        #expect(token == "token-1")
        harness.answer(harness.requests[0], .payment(PaymentResult(status: "succeeded",
                                                                   card: CardSummary(brand: .visa, last4: "0077"),
                                                                   orderId: "o-TBS-7Q4K2M")))
        #expect(harness.screen().contains("Order TBS-7Q4K2M confirmed"))
        // After a paid order, the next checkout is a new attempt with a new key.
        #expect(harness.state.checkout.order == nil)
        #expect(harness.state.checkout.attempt == 2)
    }

    @Test func anEditedCartAfterADeclineMakesANewOrder() {
        var harness = Self.declinedOnce()
        harness.answer(harness.requests[0], .cart(Fixture.cart(StoreAPIPaths.myCart, [(Fixture.dune, 1)])))
        harness.press(.character("+"))
        harness.answer(harness.requests[0], .cart(Fixture.cart(StoreAPIPaths.myCart, [(Fixture.dune, 2)])))
        Self.checkOutAgain(&harness, number: Self.card)
        harness.press(.enter)
        #expect(harness.requests == [.createOrder(Self.orderBody, idempotencyKey: "run-1-2", token: "token-1")])
    }

    @Test func aCartChangedOnTheServerAfterADeclineMakesANewOrder() {
        var harness = Self.declinedOnce()
        // The refetched cart no longer matches the order (say, a price changed).
        var repriced = Fixture.cart(StoreAPIPaths.myCart, [(Fixture.dune, 1)])
        repriced.lines[0].unitPrice = Money(repriced.lines[0].unitPrice.amount + 100)
        repriced.lines[0].lineTotal = repriced.lines[0].unitPrice
        repriced.total = Money(repriced.total.amount + 100)
        harness.answer(harness.requests[0], .cart(repriced))
        Self.checkOutAgain(&harness, number: Self.card)
        harness.press(.enter)
        #expect(harness.requests == [.createOrder(Self.orderBody, idempotencyKey: "run-1-2", token: "token-1")])
    }

    @Test func aNewAddressAfterADeclineMakesANewOrder() {
        var harness = Self.declinedOnce()
        harness.answer(harness.requests[0], .cart(Fixture.cart(StoreAPIPaths.myCart, [(Fixture.dune, 1)])))
        harness.press(.enter)
        #expect(harness.state.screen == .address)
        harness.state.checkout.address["line1"] = "2 Queen Street"
        harness.press(.enter, .enter)
        #expect(harness.state.screen == .card)
        harness.type("Ana Smith")
        harness.press(.tab)
        harness.type(Self.card)
        harness.press(.tab)
        harness.type("1229")
        harness.press(.tab)
        harness.type("123")
        harness.press(.enter)
        var moved = Fixture.address
        moved.line1 = "2 Queen Street"
        #expect(harness.requests == [.createOrder(CreateOrderRequest(cartId: StoreAPIPaths.myCart, deliveryAddress: moved),
                                                  idempotencyKey: "run-1-2", token: "token-1")])
    }

    @Test func anOrderThatCanNoLongerBePaidMakesANewOneNextTime() {
        var harness = Self.onCardScreen()
        harness.press(.enter)
        harness.answer(harness.requests[0], .order(Fixture.order()))
        harness.fail(harness.requests[0], Fixture.serviceError(409, code: "order_cancelled", "This order was cancelled."))
        #expect(harness.state.screen == .card)
        #expect(harness.screen().contains("This order was cancelled."))
        harness.press(.enter)
        #expect(harness.requests == [.createOrder(Self.orderBody, idempotencyKey: "run-1-2", token: "token-1")])
    }

    @Test func aCartEditStartsANewAttempt() {
        var harness = Self.onCardScreen()
        harness.press(.enter)
        harness.fail(harness.requests[0], .timedOut)
        harness.press(.escape, .escape, .escape, .escape)
        #expect(harness.state.screen == .cart)
        harness.press(.character("+"))
        harness.answer(harness.requests[0], .cart(Fixture.cart(StoreAPIPaths.myCart, [(Fixture.dune, 2)])))
        harness.press(.enter, .enter, .enter)
        #expect(harness.state.screen == .card)
        harness.press(.enter)
        #expect(harness.requests == [.createOrder(Self.orderBody, idempotencyKey: "run-1-2", token: "token-1")])
    }

    @Test func aCardFieldErrorFromTheServiceGoesBackToCardEntry() {
        var harness = Self.onCardScreen()
        harness.press(.enter)
        harness.answer(harness.requests[0], .order(Fixture.order()))
        harness.fail(harness.requests[0], Fixture.serviceError(400, code: "invalid_cvc", "The security code is wrong.",
                                                               param: "card.cvc"))
        #expect(harness.state.screen == .card)
        #expect(harness.state.checkout.card.form.focusedID == "cvc")
        let lines = harness.screen().split(separator: "\n")
        let cvcRow = lines.firstIndex { $0.contains("CVC") }
        #expect(cvcRow.map { lines[$0].contains("The security code is wrong.") || lines[$0 + 1].contains("The security code is wrong.") } == true)
        #expect(harness.screen(120, 30).split(separator: "\n").contains { $0.contains("CVC") && $0.contains("The security code is wrong.") })
        // The created order is paid with the corrected card: no second order.
        harness.press(.backspace)
        harness.type("4")
        harness.press(.enter)
        guard case .confirmPayment? = harness.requests.first else { Issue.record("expected payment, got \(harness.requests)"); return }
    }

    @Test func quittingDuringCheckoutAsksFirst() {
        var harness = Harness.withCart([(Fixture.ebook, 1)], signedIn: true)
        harness.press(.enter)
        #expect(harness.state.screen == .review)
        #expect(harness.press(.character("q")).isEmpty)
        #expect(harness.screen().contains("Leave checkout and quit? y/n"))
        harness.press(.character("n"))
        #expect(harness.state.overlay == nil)
        harness.press(.character("q"))
        #expect(harness.press(.character("y")) == [.quit])
    }
}
