import Foundation

/// The event recorded in the outbox when an unpaid order expires: its
/// reserved stock goes back on sale.
public struct OrderExpired: Codable, Hashable, Sendable {
    public static let type = "OrderExpired"
    public var eventId: String
    public var occurredAt: String
    public var orderId: String
    public init(eventId: String, occurredAt: String, orderId: String) {
        self.eventId = eventId; self.occurredAt = occurredAt; self.orderId = orderId
    }
}

/// A consumer of OrderExpired events; idempotent like every consumer.
public protocol OrderExpiredConsumer: AnyObject, Sendable {
    var name: String { get }
    func handle(_ event: OrderExpired) throws
}
