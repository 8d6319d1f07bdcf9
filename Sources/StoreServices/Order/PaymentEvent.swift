import StoreCore

/// What the payment service tells the order service when a payment succeeds.
/// Sent signed (see `EventSignature`); the order service trusts nothing unsigned.
public struct PaymentEvent: Codable, Hashable, Sendable {
    public static let succeeded = "payment_intent.succeeded"
    public var id: String
    public var type: String
    public var orderId: String
    public var userId: String
    public var amount: Money
    public var card: CardSummary
    public init(id: String, type: String, orderId: String, userId: String, amount: Money, card: CardSummary) {
        self.id = id; self.type = type; self.orderId = orderId; self.userId = userId; self.amount = amount; self.card = card
    }
}
