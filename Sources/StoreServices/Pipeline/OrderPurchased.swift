import Foundation
import StoreWire

/// The event recorded in the order service's outbox when an order is paid.
/// It carries a full snapshot of the order, so consumers need not call back.
public struct OrderPurchased: Codable, Hashable, Sendable {
    public static let type = "OrderPurchased"
    public var eventId: String
    public var occurredAt: String
    public var userId: String
    /// The cart the order was made from: an anonymous cart id or "mine"; it is emptied once paid.
    public var cartId: String
    public var order: Order
    /// When the order read the cart, in seconds since 1970: lines the shopper
    /// set after it stay in the cart. Nil in events recorded before it was carried.
    public var cartReadAt: Double?
    public init(eventId: String, occurredAt: String, userId: String, cartId: String, order: Order, cartReadAt: Double?) {
        self.eventId = eventId; self.occurredAt = occurredAt; self.userId = userId
        self.cartId = cartId; self.order = order; self.cartReadAt = cartReadAt
    }
}

/// A consumer of OrderPurchased events. Delivery is at least once, so
/// `handle` must be idempotent: a second delivery of the same event id changes nothing.
public protocol OrderPurchasedConsumer: AnyObject, Sendable {
    var name: String { get }
    func handle(_ event: OrderPurchased) throws
}
