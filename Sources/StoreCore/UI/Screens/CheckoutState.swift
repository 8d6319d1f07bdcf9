/// A checkout in progress: the address, the card form and the attempts whose
/// idempotency keys guard against a second order or charge.
public struct CheckoutState: Hashable, Sendable {
    /// `checkingOrder`: the payment service said the intent is already being
    /// paid (another confirm, say one that timed out here); the order tells how it ended.
    public enum Phase: Hashable, Sendable { case idle, creatingOrder, authorising, checkingOrder }

    public var address = CheckoutState.addressForm
    /// The delivery address confirmed in the address step (physical items only).
    public var deliveryAddress: Address?
    public var card = CardForm()
    public var phase: Phase = .idle
    /// Checkout attempt; the idempotency key is derived from it. A new attempt
    /// starts only after a paid order or an edit of the cart or address.
    public var attempt = 1
    /// The order body sent with the current attempt's key, if any.
    public var sentBody: CreateOrderRequest?
    /// The order created by the current attempt, awaiting payment. Kept after a
    /// decline, so the next try pays this order's intent instead of making another.
    public var order: Order?
    /// Payment attempt for the order: one card submitted. Its key is reused on
    /// every retry of that card and changes with the next card (after a decline
    /// or a correction), so each card is charged at most once.
    public var paymentAttempt = 1
    /// The card sent with the current payment attempt's key, if any.
    public var sentCard: CardDetails?

    static let addressForm = FormState([
        FormField("name", "Name", maxLength: TextLimits.name),
        FormField("line1", "Address", maxLength: TextLimits.addressLine),
        FormField("line2", "Address line 2", maxLength: TextLimits.addressLine),
        FormField("city", "City", maxLength: TextLimits.city),
        FormField("postcode", "Postcode", maxLength: TextLimits.postcode),
        FormField("country", "Country", value: "New Zealand", maxLength: TextLimits.country),
    ])

    /// Moves on to a new attempt, so the next order gets a new key.
    public mutating func newAttempt() {
        attempt += 1
        sentBody = nil
        order = nil
        newPaymentAttempt()
    }

    /// Moves on to a new payment attempt, so the next card gets a new key.
    public mutating func newPaymentAttempt() {
        paymentAttempt += 1
        sentCard = nil
    }

    /// The key's attempt for paying with `card`: the current one when nothing
    /// or this same card was sent with it, else a new one.
    mutating func beginPayment(with card: CardDetails) {
        if let sentCard, sentCard != card { newPaymentAttempt() }
        sentCard = card
    }
}

extension CheckoutState {
    /// An edit to the order's content: the next place-order is a new attempt.
    mutating func invalidateIfSent() {
        if sentBody != nil || order != nil { newAttempt() }
    }

    /// Whether placing `body` for `cart` still belongs to the current attempt:
    /// nothing sent yet, or the same body and, once created, an order with the
    /// cart's lines and total (the cart may have changed on the server meanwhile).
    func isCurrent(for body: CreateOrderRequest, cart: Cart?) -> Bool {
        if let sentBody, sentBody != body { return false }
        guard let order else { return true }
        guard let cart else { return false }
        return order.hasSameContent(as: cart)
    }
}

extension Order {
    /// Same products, quantities and prices, and the same total, as `cart`.
    func hasSameContent(as cart: Cart) -> Bool {
        func key(_ id: String, _ quantity: Int, _ unit: Money, _ line: Money) -> String {
            "\(id)|\(quantity)|\(unit.amount)\(unit.currency)|\(line.amount)\(line.currency)"
        }
        let ordered = lines.map { key($0.productId, $0.quantity, $0.unitPrice, $0.lineTotal) }.sorted()
        let wanted = cart.lines.map { key($0.productId, $0.quantity, $0.unitPrice, $0.lineTotal) }.sorted()
        return ordered == wanted && total == cart.total
    }
}
