import StoreWire

/// What the payment service tells the order service about one payment
/// attempt of an order. Sent signed (see `EventSignature`); the order service
/// trusts nothing unsigned.
///
/// A confirm first *claims* the order for its attempt (`processing`), so two
/// attempts can never both charge it; then reports the card network's answer:
/// `succeeded` marks the order paid (only for the attempt holding it), and
/// `payment_failed` lets the order go for the next card.
public struct PaymentEvent: Codable, Hashable, Sendable, TextFieldsDeclaring {
    public static let processing = "payment_intent.processing"
    public static let succeeded = "payment_intent.succeeded"
    public static let failed = "payment_intent.payment_failed"
    public static let types = [processing, succeeded, failed]

    public var id: String
    public var type: String
    public var orderId: String
    public var userId: String
    /// The payment attempt: one per card submitted, named by the confirm's Idempotency-Key.
    public var attempt: String
    public var amount: Money
    /// The card charged; only on `succeeded`.
    public var card: CardSummary?

    public init(id: String, type: String, orderId: String, userId: String, attempt: String, amount: Money,
                card: CardSummary? = nil) {
        self.id = id; self.type = type; self.orderId = orderId; self.userId = userId
        self.attempt = attempt; self.amount = amount; self.card = card
    }

    /// An attempt is the order's id, "/" and the confirm's Idempotency-Key
    /// (see `PaymentService.confirm`), so it is longer than the key alone.
    public static let attemptLimit = TextLimits.identifier + 1 + TextLimits.idempotencyKey

    public var textFields: [TextField] {
        [TextField("id", id, limit: TextLimits.identifier), TextField("type", type, limit: TextLimits.identifier),
         TextField("orderId", orderId, limit: TextLimits.identifier), TextField("userId", userId, limit: TextLimits.email),
         TextField("attempt", attempt, limit: Self.attemptLimit)]
    }
}
