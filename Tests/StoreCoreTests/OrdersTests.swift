import Testing
import StoreCore

@Suite struct OrdersTests {
    @Test func ordersNeedSignInFirstThenList() {
        var harness = Harness()
        harness.press(.character("o"))
        #expect(harness.state.screen == .signIn)
        harness.type("ana@example.com")
        harness.press(.tab)
        harness.type("secret-pass")
        harness.press(.enter)
        harness.answer(harness.requests[0], .session(Fixture.session))
        #expect(harness.state.screen == .orders)
        #expect(harness.requests.contains(.orders(token: "token-1")))
        #expect(harness.requests.contains(.cart(id: StoreAPIPaths.myCart, token: "token-1")))
        let newest = Fixture.order("TBS-NEW001", status: .paid, cancellable: true)
        let older = Fixture.order("TBS-OLD001", status: .fulfilled, lines: [(Fixture.ebook, 1)])
        harness.answer(.orders(token: "token-1"), .orders([newest, older]))
        let text = harness.screen()
        #expect(text.contains("Orders"))
        let newRow = text.split(separator: "\n").firstIndex { $0.contains("TBS-NEW001") }
        let oldRow = text.split(separator: "\n").firstIndex { $0.contains("TBS-OLD001") }
        #expect(newRow != nil && oldRow != nil && newRow! < oldRow!)
        #expect(text.contains("Paid"))
        #expect(text.contains("2026-09-15"))
    }

    @Test func openingAnOrderShowsCardShipmentAndCancels() {
        var harness = Harness()
        harness.state.session = Fixture.session
        harness.press(.character("o"))
        let order = Fixture.order("TBS-NEW001", status: .paid, lines: [(Fixture.dune, 2)], cancellable: true)
        harness.answer(.orders(token: "token-1"), .orders([order]))
        harness.press(.enter)
        #expect(harness.requests == [.order(id: order.id, token: "token-1")])
        let text = harness.screen()
        #expect(text.contains("Order TBS-NEW001"))
        #expect(text.contains("Visa •••• 4242"))
        #expect(text.contains("NZP123456"))
        #expect(text.contains("1 Queen Street"))
        #expect(text.contains("NZD 49.98"))
        harness.press(.character("x"))
        #expect(harness.screen().contains("Cancel order TBS-NEW001? y/n"))
        harness.press(.character("y"))
        #expect(harness.requests == [.cancelOrder(id: order.id, token: "token-1")])
        var cancelled = order
        cancelled.status = .cancelled
        cancelled.cancellable = false
        harness.answer(harness.requests[0], .order(cancelled))
        #expect(harness.screen().contains("Order TBS-NEW001 cancelled"))
        harness.press(.character("x"))
        #expect(harness.state.overlay == nil)
        #expect(harness.screen().contains("can no longer be cancelled"))
    }

    @Test func anExpiredSessionAsksToSignInAgain() {
        var harness = Harness()
        harness.state.session = Fixture.session
        harness.press(.character("o"))
        harness.fail(.orders(token: "token-1"), Fixture.serviceError(401, type: "authentication_error",
                                                                      code: "token_expired", "Token expired."))
        #expect(harness.state.session == nil)
        #expect(harness.state.screen == .signIn)
        #expect(harness.screen().contains("please sign in again"))
    }
}
