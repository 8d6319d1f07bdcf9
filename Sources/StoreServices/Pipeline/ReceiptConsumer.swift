import Foundation

/// Emails the receipt. Recorded after sending: at least once, never lost.
public final class ReceiptConsumer: OrderPurchasedConsumer, @unchecked Sendable {
    static let consumerName = "receipt"
    public let name = consumerName
    let mailer: Mailer
    let processed: ProcessedEvents

    public init(mailer: Mailer, processed: ProcessedEvents) {
        self.mailer = mailer
        self.processed = processed
    }

    public func handle(_ event: OrderPurchased) throws {
        try processed.once(event.eventId, consumer: name) { try mailer.send(ReceiptComposer.receipt(for: event)) }
    }
}
