import Testing
import StoreCore

/// Each card submitted for an order is one payment attempt with its own
/// Idempotency-Key; every retry of that attempt carries the same key.
@Suite struct PaymentAttemptTests {
    /// The card screen's place-order answered with an order: the first confirm is the last request.
    static func confirming() -> Harness {
        var harness = CheckoutTests.onCardScreen()
        harness.press(.enter)
        harness.answer(harness.requests[0], .order(Fixture.order()))
        return harness
    }

    static func key(of request: APIRequest?) -> String? {
        guard case .confirmPayment(_, _, _, let key)? = request else { return nil }
        return key
    }

    @Test func aRetriedConfirmCarriesTheSameKey() {
        var harness = Self.confirming()
        let confirm = harness.requests[0]
        #expect(Self.key(of: confirm) == "run-1-1-payment-1")
        harness.fail(confirm, .timedOut)
        #expect(harness.press(.character("r")).requestList == [confirm])
        // Going back and placing again with the same card is still the same attempt.
        harness.fail(confirm, Fixture.refused)
        harness.press(.escape)
        #expect(harness.state.screen == .card)
        #expect(harness.press(.enter).requestList == [confirm])
        // So is a try after the service failed.
        harness.fail(confirm, Fixture.serviceError(500, type: "api_error", code: "internal", "Something went wrong."))
        #expect(harness.state.screen == .card)
        #expect(harness.press(.enter).requestList == [confirm])
    }

    @Test func theNextCardAfterADeclineIsANewAttempt() {
        var harness = CheckoutTests.declinedOnce()
        harness.answer(harness.requests[0], .cart(Fixture.cart(StoreAPIPaths.myCart, [(Fixture.dune, 1)])))
        // Even the same card typed again is a new attempt: the first answer was a decline.
        CheckoutTests.checkOutAgain(&harness, number: CheckoutTests.card)
        harness.press(.enter)
        #expect(Self.key(of: harness.requests.first) == "run-1-1-payment-2")
    }

    @Test func aCorrectedCardIsANewAttempt() {
        var harness = Self.confirming()
        harness.fail(harness.requests[0], Fixture.serviceError(400, code: "invalid_cvc", "The security code is wrong.",
                                                               param: "card.cvc"))
        harness.press(.backspace)
        harness.type("4")
        harness.press(.enter)
        #expect(Self.key(of: harness.requests.first) == "run-1-1-payment-2")
    }

    @Test func aNewOrderGetsNewPaymentKeys() {
        var harness = Self.confirming()
        harness.fail(harness.requests[0], Fixture.serviceError(409, code: "order_cancelled", "This order was cancelled."))
        harness.press(.enter)
        harness.answer(harness.requests[0], .order(Fixture.order("TBS-2")))
        #expect(Self.key(of: harness.requests.first)?.hasPrefix("run-1-2-payment-") == true)
    }

    static let alreadyUnderWay = Fixture.serviceError(409, type: "conflict", code: "payment_intent_unexpected_state",
                                                      "This payment intent is being confirmed.")

    @Test func aPaymentAlreadyUnderWayLooksAtTheOrderAndShowsItPaid() {
        var harness = Self.confirming()
        harness.fail(harness.requests[0], Self.alreadyUnderWay)
        let look = APIRequest.order(id: "o-TBS-7Q4K2M", token: "token-1")
        #expect(harness.requests == [look])
        #expect(harness.state.screen == .placing)
        #expect(harness.screen().contains("checking the order…"))
        // Nothing leaves or repeats the checkout while the order is looked at.
        #expect(harness.press(.escape).isEmpty)
        #expect(harness.press(.enter).isEmpty)
        harness.answer(look, .order(Fixture.order(status: .paid)))
        #expect(harness.state.screen == .home)
        #expect(harness.screen().contains("Order TBS-7Q4K2M confirmed"))
        #expect(harness.state.checkout.order == nil)
    }

    @Test func aPaymentAlreadyUnderWayAndStillPendingSaysSo() {
        var harness = Self.confirming()
        harness.fail(harness.requests[0], Self.alreadyUnderWay)
        harness.answer(harness.requests[0], .order(Fixture.order()))
        #expect(harness.state.screen == .card)
        let text = harness.screen(120, 30)
        #expect(text.contains("This payment is already being processed."))
        #expect(!text.contains("This payment intent is being confirmed."))
        // The order is kept: the next try pays the same intent, never a second order.
        harness.press(.enter)
        guard case .confirmPayment(let intentID, _, _, _)? = harness.requests.first else {
            Issue.record("expected payment, got \(harness.requests)"); return
        }
        #expect(intentID == "pi-TBS-7Q4K2M")
    }

    @Test func aPaymentAlreadyUnderWayOnACancelledOrderStartsAgain() {
        var harness = Self.confirming()
        harness.fail(harness.requests[0], Self.alreadyUnderWay)
        harness.answer(harness.requests[0], .order(Fixture.order(status: .cancelled)))
        #expect(harness.state.screen == .card)
        #expect(harness.screen(120, 30).contains("This order was cancelled."))
        harness.press(.enter)
        #expect(harness.requests == [.createOrder(CheckoutTests.orderBody, idempotencyKey: "run-1-2", token: "token-1")])
    }
}
