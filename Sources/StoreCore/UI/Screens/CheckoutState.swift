/// A checkout in progress: the address, the card form and the attempt whose
/// idempotency key guards against a second order or charge.
public struct CheckoutState: Hashable, Sendable {
    public enum Phase: Hashable, Sendable { case idle, creatingOrder, authorising }

    public var address = CheckoutState.addressForm
    /// The delivery address confirmed in the address step (physical items only).
    public var deliveryAddress: Address?
    public var card = CardForm()
    public var phase: Phase = .idle
    /// Checkout attempt; the idempotency key is derived from it. A new attempt
    /// starts only after a decline or an edit of the cart or address.
    public var attempt = 1
    /// The order body sent with the current attempt's key, if any.
    public var sentBody: CreateOrderRequest?
    /// The order created by the current attempt, awaiting payment.
    public var order: Order?

    static let addressForm = FormState([
        FormField("name", "Name"),
        FormField("line1", "Address"),
        FormField("line2", "Address line 2"),
        FormField("city", "City"),
        FormField("postcode", "Postcode", maxLength: 10),
        FormField("country", "Country", value: "New Zealand"),
    ])

    /// Moves on to a new attempt, so the next order gets a new key.
    public mutating func newAttempt() {
        attempt += 1
        sentBody = nil
        order = nil
    }
}

extension CheckoutState {
    /// An edit to the order's content: the next place-order is a new attempt.
    mutating func invalidateIfSent() {
        if sentBody != nil || order != nil { newAttempt() }
    }
}
