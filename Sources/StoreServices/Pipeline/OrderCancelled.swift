import Foundation

/// The event recorded in the outbox when a paid order is cancelled.
public struct OrderCancelled: Codable, Hashable, Sendable {
    public static let type = "OrderCancelled"
    public var eventId: String
    public var occurredAt: String
    public var orderId: String
    public init(eventId: String, occurredAt: String, orderId: String) {
        self.eventId = eventId; self.occurredAt = occurredAt; self.orderId = orderId
    }
}

/// A consumer of OrderCancelled events; idempotent like every consumer.
public protocol OrderCancelledConsumer: AnyObject, Sendable {
    var name: String { get }
    func handle(_ event: OrderCancelled) throws
}

public struct PipelineError: Error, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}
