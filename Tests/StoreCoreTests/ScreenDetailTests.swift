import Foundation
import Testing
@testable import StoreCore

private func order(cancellable: Bool) -> Order {
    Order(id: "ord_1", number: "TBS-ABC123", status: cancellable ? .paid : .pendingPayment,
          createdAt: "2026-01-01T10:00:00Z", email: "a@example.com", lines: [],
          subtotal: Money(1000), tax: Money(130), shipping: Money(800), total: Money(1800),
          deliveryAddress: nil, card: nil, shipment: nil, paymentIntent: nil, cancellable: cancellable)
}

private func footer(_ state: AppState) -> String {
    let grid = Storefront.view(state, size: Size(columns: 100, rows: 30))
    return grid.line(grid.size.rows - 1)
}

@Test func footerOffersCancelOnlyForACancellableOrder() {
    let config = AppConfig(endpointLabel: "test", instanceID: "run", now: Date(timeIntervalSince1970: 0))
    var (state, _) = Storefront.start(config)
    state.screen = .orderDetail
    state.orders.detail = order(cancellable: true)
    #expect(footer(state).contains("cancel order"))
    state.orders.detail = order(cancellable: false)
    #expect(!footer(state).contains("cancel order"))
    #expect(footer(state).contains("back"))
}

@Test func footerOffersRetryOnlyAfterTheStoreFailedToAnswer() {
    let config = AppConfig(endpointLabel: "test", instanceID: "run", now: Date(timeIntervalSince1970: 0))
    var (state, _) = Storefront.start(config)
    state.screen = .placing
    #expect(!footer(state).contains("retry"))
    state.network.unreachable = true
    #expect(footer(state).contains("r retry"))
}

@Test(arguments: [("demo@betterstore.test", true), ("a@b.nz", true), ("notanemail", false), ("a@b", false),
                  ("@b.nz", false), ("a b@c.nz", false), ("a@b..nz", false),
                  // A mark after "@" or "." does not hide it: each still separates.
                  ("a@b.\u{1F3FB}nz", true), ("a@\u{301}b.nz", true), ("a@b.\u{301}", true), ("a\u{2003}b@c.nz", false)])
func emailShapeIsCheckedBeforeAsking(email: String, valid: Bool) {
    #expect(TextRules.isPlausibleEmail(email) == valid)
}
