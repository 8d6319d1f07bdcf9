import Foundation
import StoreWire

/// Receiving the payment service's signed events. Each is one transaction on
/// the order read for update (`SELECT … FOR UPDATE` on MariaDB), so two
/// instances receiving events for one order take turns: marking the order
/// paid and recording OrderPurchased in the outbox commit together; only the
/// attempt holding the order can mark it paid, and only once.
extension OrderService {
    func receivePaymentEvent(_ request: HTTPRequest) throws -> HTTPResponse {
        guard signature.isValid(request.header(EventSignature.headerName), for: request.body) else {
            throw HTTPError.unauthorized(code: "invalid_signature", "The event's signature is missing or not valid.")
        }
        let event = try request.decode(PaymentEvent.self)
        guard PaymentEvent.types.contains(event.type) else {
            throw HTTPError.unprocessable(code: "unknown_event", "Events of this type are not handled.", param: "type")
        }
        var recordedEventID: String?
        let response: HTTPResponse = try orderLocks.withLock(event.orderId) {
            // The order is read locked: another instance receiving an event for
            // it waits, so the state a decision is made on is the state it changes.
            recordedEventID = try store.database.transaction { db -> String? in
                guard let stored = try store.find(id: event.orderId, in: db, locking: true) else {
                    throw HTTPError.notFound(code: "order_not_found", "There is no such order.")
                }
                guard stored.userId == event.userId, stored.order.total == event.amount else {
                    throw HTTPError.conflict(code: "payment_mismatch", "The payment does not match the order's owner or total.")
                }
                switch event.type {
                case PaymentEvent.processing:
                    try claim(stored, for: event, in: db)
                    return nil
                case PaymentEvent.failed:
                    try store.releaseClaim(orderID: stored.order.id, attempt: event.attempt, in: db)
                    return nil
                default:
                    try faults?.refusePaymentOutcome()
                    return try recordSuccess(stored, for: event, in: db)
                }
            }
            guard let current = try store.find(id: event.orderId) else { throw HTTPError.internalError() }
            return try .json(present(current))
        }
        if let recordedEventID, let dispatcher, dispatcher.isActive {
            // Read-your-writes for the shopper: the cart is normally emptied and the receipt sent
            // by the time the payment answers. Delivery stays asynchronous and retried if slow.
            dispatcher.wake()
            _ = dispatcher.waitUntilDelivered(recordedEventID, timeout: deliveryWait)
        }
        return response
    }

    /// Lets the attempt hold the order; a paid order answers as it is when
    /// this attempt paid it, so a retry learns the first outcome.
    private func claim(_ stored: StoredOrder, for event: PaymentEvent, in db: SQLDatabase) throws {
        let now = Date()
        if try store.claim(orderID: stored.order.id, attempt: event.attempt, now: now, lease: claimLease, in: db) { return }
        switch stored.order.status {
        case .paid, .fulfilled:
            if stored.paymentAttempt == event.attempt { return }
            throw Self.unexpectedState("This order has already been paid.")
        case .cancelled:
            throw HTTPError.conflict(code: "order_cancelled", "This order was cancelled, so it cannot be paid.")
        case .expired:
            throw Self.expired
        case .pendingPayment:
            if stored.expiresEpoch <= now.timeIntervalSince1970 { throw Self.expired }
            throw Self.unexpectedState("This order's payment is already being processed; wait for its outcome.")
        }
    }

    /// Marks the order paid by the attempt holding it. A second success of
    /// the same attempt changes nothing; any other attempt is refused, and
    /// the payment service voids its charge.
    private func recordSuccess(_ stored: StoredOrder, for event: PaymentEvent, in db: SQLDatabase) throws -> String? {
        switch stored.order.status {
        case .paid, .fulfilled:
            guard stored.paymentAttempt == event.attempt else { throw Self.unexpectedState("This order has already been paid.") }
            return nil
        case .cancelled:
            throw HTTPError.conflict(code: "order_cancelled", "This order was cancelled, so it cannot be paid.")
        case .expired:
            throw Self.expired
        case .pendingPayment:
            guard stored.paymentAttempt == event.attempt else {
                throw Self.unexpectedState("Another payment attempt holds this order.")
            }
            guard let card = event.card else {
                throw HTTPError.unprocessable(code: "missing_field", "A successful payment names its card.", param: "card")
            }
            return try markPaid(stored, attempt: event.attempt, card: card, in: db)
        }
    }

    static func unexpectedState(_ message: String) -> HTTPError {
        HTTPError.conflict(code: "payment_intent_unexpected_state", message)
    }

    static let expired = HTTPError.conflict(code: "payment_intent_expired",
                                            "This order was not paid in time and has expired; check out again.")

    /// Marks the order paid and appends OrderPurchased to the outbox, both in the caller's transaction.
    private func markPaid(_ stored: StoredOrder, attempt: String, card: CardSummary, in db: SQLDatabase) throws -> String {
        let now = Date()
        let timestamp = Timestamp.string(from: now)
        var order = stored.order
        order.status = .paid
        order.card = CardSummary(brand: card.brand, last4: String(card.last4.suffix(4)))
        order.paymentIntent = nil
        let eventID = "evt_" + EventSignature.hex(Crypto.randomBytes(12))
        let event = OrderPurchased(eventId: eventID, occurredAt: timestamp, userId: stored.userId,
                                   cartId: stored.cartId, order: order, cartReadAt: stored.createdEpoch)
        let payload = try JSONBody.encode(event)
        let changed = try db.run("""
            UPDATE orders SET status = ?, card_brand = ?, card_last4 = ?, paid_at = ?, client_secret = NULL
            WHERE id = ? AND status = ? AND payment_attempt = ?
            """, OrderStatus.paid.rawValue, order.card?.brand.rawValue, order.card?.last4, timestamp,
            order.id, OrderStatus.pendingPayment.rawValue, attempt)
        guard changed == 1 else { throw Self.unexpectedState("This order is not awaiting this payment.") }
        try store.appendToOutbox(id: eventID, type: OrderPurchased.type, orderID: order.id, payload: payload, in: db, now: now)
        return eventID
    }
}
