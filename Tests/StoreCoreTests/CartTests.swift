import Testing
import StoreCore

@Suite struct CartTests {
    @Test func firstAddCreatesACartThenSetsQuantityOne() {
        var harness = Harness.inCatalogue()
        harness.press(.down)
        harness.press(.character("a"))
        #expect(harness.requests == [.createCart])
        // A second add before the cart exists waits for it.
        harness.press(.character("a"))
        #expect(harness.requests.isEmpty)
        harness.answer(.createCart, .cart(Fixture.cart("cart-anon", [])))
        guard case .setQuantity(let cartID, let productID, let quantity, let token, _)? = harness.requests.first else {
            Issue.record("expected a quantity to be set, got \(harness.requests)"); return
        }
        #expect(harness.requests.count == 1)
        #expect(cartID == "cart-anon")
        #expect(productID == Fixture.dune.id)
        #expect(quantity == 2)
        #expect(token == nil)
        harness.answer(harness.requests[0], .cart(Fixture.cart("cart-anon", [(Fixture.dune, 2)])))
        #expect(harness.screen().contains("Added ‘Dune’ to cart"))
        #expect(harness.screen().contains("Cart: 2 items"))
    }

    @Test func addingAgainAddsOneToTheExistingQuantity() {
        var harness = Harness.withCart([(Fixture.dune, 3)])
        harness.press(.character("s"), .down, .character("a"))
        guard case .setQuantity(_, let productID, let quantity, _, _)? = harness.requests.first else {
            Issue.record("expected setQuantity, got \(harness.requests)"); return
        }
        #expect(productID == Fixture.dune.id)
        #expect(quantity == 4)
    }

    @Test func plusAndMinusSetTheAbsoluteQuantity() {
        var harness = Harness.withCart([(Fixture.dune, 2)])
        harness.press(.character("+"))
        guard case .setQuantity(_, _, let up, _, let first)? = harness.requests.first else { Issue.record("no request"); return }
        #expect(up == 3)
        harness.answer(harness.requests[0], .cart(Fixture.cart("cart-anon", [(Fixture.dune, 3)])))
        harness.press(.character("-"), .character("-"))
        guard case .setQuantity(_, _, let down, _, let last)? = harness.requests.last else { Issue.record("no request"); return }
        #expect(down == 2, "sent at once; the second - waits for its answer")
        #expect(last > first)
        #expect(harness.screen().contains("1…"))
    }

    @Test func oneCartEditIsOnItsWayAtATime() {
        var harness = Harness.withCart([(Fixture.cafe, 1)])
        let first = harness.press(.character("s"), .down, .character("a")).requestList
        #expect(first.count == 1)
        #expect(harness.press(.down, .down, .character("a")).requestList.isEmpty, "queued behind the first")
        #expect(harness.screen().contains("Cart: 3 items"), "the queued add counts at once")
        harness.answer(first[0], .cart(Fixture.cart("cart-anon", [(Fixture.cafe, 1), (Fixture.dune, 1)])))
        guard case .setQuantity(_, let productID, let quantity, _, _)? = harness.requests.first else {
            Issue.record("the queued add was not sent: \(harness.requests)"); return
        }
        #expect(productID == Fixture.ebook.id && quantity == 1)
        harness.answer(harness.requests[0], .cart(Fixture.cart("cart-anon", [(Fixture.cafe, 1), (Fixture.dune, 1), (Fixture.ebook, 1)])))
        #expect(harness.requests.isEmpty)
        #expect(harness.state.cart.cart?.lines.count == 3)
        #expect(harness.state.cart.pendingQuantity.isEmpty)
    }

    @Test func plusPressedWhileAnEditIsOnItsWaySendsOnlyTheLatestQuantity() {
        var harness = Harness.withCart([(Fixture.dune, 1)])
        let first = harness.press(.character("+")).requestList[0]
        #expect(harness.press(.character("+"), .character("+")).requestList.isEmpty)
        #expect(harness.screen().contains("4…"))
        harness.answer(first, .cart(Fixture.cart("cart-anon", [(Fixture.dune, 2)])))
        #expect(harness.screen().contains("4…"), "the newer quantity stays shown while it waits")
        guard case .setQuantity(_, _, let quantity, _, _)? = harness.requests.first else {
            Issue.record("no second edit: \(harness.requests)"); return
        }
        #expect(quantity == 4 && harness.requests.count == 1)
        harness.answer(harness.requests[0], .cart(Fixture.cart("cart-anon", [(Fixture.dune, 4)])))
        #expect(harness.state.cart.cart?.lines.first?.quantity == 4)
        #expect(!harness.state.cart.hasPendingEdits)
    }

    /// Signing in merges the anonymous cart into the shopper's and removes it;
    /// a read of the anonymous cart still on its way then finds nothing. That
    /// 404 is about a cart no longer shown and must not empty the shopper's.
    @Test func aLate404ForTheMergedAnonymousCartLeavesTheShoppersCart() {
        var harness = Harness.withCart([(Fixture.dune, 1)])
        let anonymousRead = APIRequest.cart(id: "cart-anon", token: nil)
        harness.state.session = Fixture.session
        harness.state.cart.id = StoreAPIPaths.myCart
        harness.state.cart.cart = Fixture.cart(StoreAPIPaths.myCart, [(Fixture.dune, 1)])
        harness.fail(anonymousRead, Fixture.serviceError(404, code: "cart_not_found", "There is no cart with id 'cart-anon'."))
        #expect(harness.state.cart.id == StoreAPIPaths.myCart)
        #expect(harness.state.cart.cart?.lines.count == 1)
        harness.fail(.cart(id: StoreAPIPaths.myCart, token: "token-1"),
                     Fixture.serviceError(404, code: "cart_not_found", "There is no cart with id 'mine'."))
        #expect(harness.state.cart.cart == nil, "a 404 for the cart shown still forgets it")
    }

    @Test func theCartShowsTheServersTotals() {
        var harness = Harness.withCart([(Fixture.dune, 1)])
        var cart = Fixture.cart("cart-anon", [(Fixture.dune, 1)])
        cart.subtotal = Money(1111); cart.tax = Money(222); cart.shipping = Money(333); cart.total = Money(4444)
        harness.answer(.cart(id: "cart-anon", token: nil), .cart(cart))
        let text = harness.screen()
        #expect(text.contains("NZD 11.11"))
        #expect(text.contains("NZD 2.22"))
        #expect(text.contains("NZD 3.33"))
        #expect(text.contains("NZD 44.44"))
    }

    @Test func shippingWordsForFreeAndDigitalOnly() {
        let free = Harness.withCart([(Fixture.dune, 5)])
        #expect(free.screen().split(separator: "\n").contains { $0.contains("Shipping") && $0.contains("Free") })
        let digital = Harness.withCart([(Fixture.ebook, 1)])
        #expect(digital.screen().split(separator: "\n").contains { $0.contains("Shipping") && $0.contains("—") })
        let paid = Harness.withCart([(Fixture.dune, 1)])
        #expect(paid.screen().split(separator: "\n").contains { $0.contains("Shipping") && $0.contains("NZD 8.00") })
    }

    @Test func removeAndErrorsRefetchTheCart() {
        var harness = Harness.withCart([(Fixture.dune, 1), (Fixture.cafe, 1)])
        harness.press(.down, .character("d"))
        guard case .removeLine(_, let productID, _, _)? = harness.requests.first else { Issue.record("no remove"); return }
        #expect(productID == Fixture.cafe.id)
        harness.fail(harness.requests[0], Fixture.serviceError(409, type: "conflict", code: "out_of_stock", "Only 3 left in stock."))
        #expect(harness.requests == [.cart(id: "cart-anon", token: nil)])
        #expect(harness.screen().contains("Only 3 left in stock."))
        #expect(harness.state.cart.pendingQuantity.isEmpty)
    }

    @Test func checkoutAskedDuringAnEditStartsWhenTheCartSettles() {
        var harness = Harness.withCart([(Fixture.dune, 1)], signedIn: true)
        let edit = harness.press(.character("+")).requestList[0]
        harness.press(.enter)
        #expect(harness.state.screen == .cart)
        #expect(harness.screen().contains("checkout follows"))
        harness.answer(edit, .cart(Fixture.cart(StoreAPIPaths.myCart, [(Fixture.dune, 2)])))
        #expect(harness.state.screen == .address)
    }

    @Test func aFailedEditCancelsTheWaitingCheckout() {
        var harness = Harness.withCart([(Fixture.dune, 1)], signedIn: true)
        let edit = harness.press(.character("+")).requestList[0]
        harness.press(.enter)
        harness.fail(edit, Fixture.serviceError(409, type: "conflict", code: "out_of_stock", "Only 1 left in stock."))
        #expect(harness.state.screen == .cart)
        #expect(!harness.state.cart.checkoutWhenSettled)
    }

    @Test func aFailedEditIsRetriedWithR() {
        var harness = Harness.withCart([(Fixture.dune, 1)])
        let request = harness.press(.character("+")).requestList[0]
        harness.fail(request, .timedOut)
        #expect(harness.screen().contains("store timed out — r to retry"))
        #expect(harness.press(.character("r")).requestList == [request])
    }

    @Test func emptyCartSaysSo() {
        var harness = Harness()
        harness.press(.character("c"))
        #expect(harness.screen().contains("Your cart is empty"))
        harness.press(.enter)
        #expect(harness.state.screen == .cart)
    }
}

extension Array where Element == Command {
    var requestList: [APIRequest] {
        compactMap { if case .request(let request) = $0 { return request }; return nil }
    }
}
