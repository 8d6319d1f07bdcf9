import Foundation
import Testing
import StoreCore

/// The behind-the-scenes panel: calls as the transport reported them, the
/// pipeline of the order just paid, and where the panel fits.
@Suite struct BackstageTests {
    static func call(_ method: String, _ path: String, status: Int? = 200, ms: Int = 12, key: String? = nil) -> HTTPExchangeRecord {
        HTTPExchangeRecord(method: method, path: path, status: status, failure: status == nil ? "store timed out" : nil,
                           milliseconds: ms, idempotencyKey: key,
                           traceparent: "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01")
    }

    static func shown(_ size: Size = Size(columns: 160, rows: 40)) -> Harness {
        var harness = Harness()
        harness.send(.input(.resize(size)))
        harness.press(.character("t"))
        return harness
    }

    @Test func tShowsEachCallWithServiceMethodPathStatusTimeAndShortKey() {
        var harness = Harness()
        #expect(!harness.screen(160, 40).contains("Behind the scenes"))
        harness = Self.shown()
        harness.send(.exchange(Self.call("PUT", "/cart/v1/carts/cart-anon/items/p-dune")))
        harness.send(.exchange(Self.call("POST", "/order/v1/orders", status: 201, ms: 48,
                                         key: "3f2a9c1b-77aa-4c1e-9d0e-0e4736aa0ba9")))
        harness.send(.exchange(Self.call("GET", "/order/v1/orders/o-1", status: nil, ms: 10000)))
        let lines = harness.screen(160, 40).split(separator: "\n").map(String.init)
        #expect(lines.contains { $0.contains("Behind the scenes") })
        let put = lines.firstIndex { $0.range(of: #"cart +PUT /cart/v1/carts/cart-anon/items/p-dune +200 +12ms"#,
                                               options: .regularExpression) != nil }
        let post = lines.firstIndex { $0.range(of: #"order +POST /order/v1/orders +201 +48ms  3f2a9c1b…"#,
                                                options: .regularExpression) != nil }
        let failed = lines.firstIndex { $0.contains("store timed out") && $0.contains("10000ms") }
        #expect(put != nil && post != nil && failed != nil, "\(lines.joined(separator: "\n"))")
        #expect((put ?? 0) < (post ?? 0) && (post ?? 0) < (failed ?? 0), "the newest at the bottom")
        #expect(!lines.joined().contains("0e4736aa0ba9"), "keys are shortened")

        harness.press(.character("t"))
        #expect(!harness.screen(160, 40).contains("Behind the scenes"))
    }

    @Test func asManyCallsAsFitTheNewestLast() {
        var harness = Self.shown()
        for index in 1...100 { harness.send(.exchange(Self.call("GET", "/product/v1/products/p-\(index)"))) }
        let text = harness.screen(160, 40)
        #expect(text.contains("/product/v1/products/p-100 "))
        #expect(!text.contains("/product/v1/products/p-1 "))
        #expect(harness.state.backstage.calls.count == BackstageState.keptCalls)
    }

    @Test func longIdsInPathsAreCut() {
        #expect(BackstagePanel.shortPath("/cart/v1/carts/54712f67-77aa-4c1e/items/1password-families")
                == "/cart/v1/carts/54712f67…/items/1passwor…")
        #expect(BackstagePanel.shortPath("/payment/v1/payment-intents/pi_1/confirm") == "/payment/v1/payment-intents/pi_1/confirm")
        #expect(BackstagePanel.shortKey("short") == "short")
        #expect(BackstagePanel.shortKey("2C603D1B-9A4E-4F7A-8C1B-0E4736AA0BA9-1-payment-2") == "2C603D1B…-payment-2")
    }

    @Test func narrowTerminalsShowThePanelBelowOrSayThereIsNoRoom() {
        var small = Self.shown(Size(columns: 100, rows: 24))
        #expect(small.screen(100, 24).contains("No room for behind the scenes at 100×24"))
        #expect(!small.screen(100, 24).contains("Behind the scenes"))
        small.send(.exchange(Self.call("GET", "/product/v1/categories")))

        let tall = small.screen(100, 40).split(separator: "\n").map(String.init)
        let panelTop = tall.firstIndex { $0.contains("Behind the scenes") }
        #expect(panelTop != nil && (panelTop ?? 0) > 20, "below the screen on a tall narrow terminal")
        #expect(tall.contains { $0.contains("GET /product/v1/categories") })
        #expect(BackstagePanel.placement(in: Size(columns: 140, rows: 24)) == .right(width: 58))
    }

    @Test func afterPaymentThePipelineIsPolledUntilCompleteAndShownWithTimesSincePayment() {
        var harness = CheckoutTests.onCardScreen()
        // Letters type into the card form: the panel was turned on before (or by --demo).
        harness.state.backstage.shown = true
        harness.press(.enter)
        let order = Fixture.order()
        harness.answer(harness.requests[0], .order(order))
        let confirm = harness.requests[0]
        harness.answer(confirm, .payment(PaymentResult(status: "succeeded", card: CardSummary(brand: .visa, last4: "4242"),
                                                       orderId: order.id)))
        let first = APIRequest.orderPipeline(id: order.id, token: "token-1", poll: 0)
        #expect(harness.commands.contains(.requestLater(first, seconds: 0)))

        let paidAt = 1_789_430_400.0
        let partial = OrderPipeline(orderId: order.id, paidAt: paidAt, steps: [
            PipelineStep(name: "order_stored", at: paidAt - 2, sincePaymentMs: -2000),
            PipelineStep(name: "payment_approved", at: paidAt, sincePaymentMs: 0),
        ], complete: false)
        harness.answer(first, .pipeline(partial))
        let second = APIRequest.orderPipeline(id: order.id, token: "token-1", poll: 1)
        #expect(harness.commands == [.requestLater(second, seconds: BackstageState.pollInterval)])
        #expect(harness.screen(160, 40).contains("OrderPurchased for order TBS-7Q4K2M: running…"))

        var complete = partial
        complete.steps += [PipelineStep(name: "reporting_row_written", at: paidAt + 0.004, sincePaymentMs: 4),
                           PipelineStep(name: "receipt_sent", at: paidAt + 0.012, sincePaymentMs: 12),
                           PipelineStep(name: "shipping_order_created", at: paidAt + 0.015, sincePaymentMs: 15,
                                        detail: "BS123456789NZ")]
        complete.complete = true
        harness.answer(second, .pipeline(complete))
        #expect(harness.commands.isEmpty, "no more polls once complete")
        let text = harness.screen(160, 40)
        #expect(text.contains("OrderPurchased for order TBS-7Q4K2M: complete"))
        for expected in [#"✓ payment approved +\+0 ms"#, #"✓ reporting row written +\+4 ms"#, #"✓ receipt sent +\+12 ms"#,
                         #"✓ shipping order created +\+15 ms  BS123456789NZ"#, #"✓ order stored +-2000 ms"#] {
            #expect(text.range(of: expected, options: .regularExpression) != nil, "\(expected)\n\(text)")
        }
        #expect(!text.contains(CheckoutTests.card) && !text.contains("4242 4242"))
    }

    @Test func pollingStopsAfterItsLimitAndNeverStartsWithThePanelHidden() {
        var hidden = CheckoutTests.onCardScreen()
        hidden.press(.enter)
        hidden.answer(hidden.requests[0], .order(Fixture.order()))
        hidden.answer(hidden.requests[0], .payment(PaymentResult(status: "succeeded", card: CardSummary(brand: .visa, last4: "4242"),
                                                                 orderId: Fixture.order().id)))
        #expect(!hidden.commands.contains { if case .requestLater = $0 { return true }; return false })

        var harness = Self.shown()
        harness.state.session = Fixture.session
        harness.state.backstage.watch = PipelineWatch(orderID: "o-1", orderNumber: nil, polls: BackstageState.maximumPolls - 1)
        let last = APIRequest.orderPipeline(id: "o-1", token: "token-1", poll: BackstageState.maximumPolls - 1)
        harness.fail(last, .timedOut)
        #expect(harness.commands.isEmpty && harness.state.backstage.watch?.finished == true)
        #expect(!harness.state.network.unreachable, "the panel's polls leave the shopper's network state alone")
    }
}

extension BackstageTests {
    @Test func aHiddenPanelKeepsNoCalls() {
        var harness = Harness()
        let before = harness.state
        harness.send(.exchange(Self.call("GET", "/product/v1/categories")))
        #expect(harness.state == before, "nothing changes, so nothing is redrawn")
    }
}
