import Foundation
import StoreCore

/// Receiving the payment service's signed events. Marking the order paid and
/// recording OrderPurchased in the outbox is one transaction; a second event
/// for a paid order changes nothing.
extension OrderService {
    func receivePaymentEvent(_ request: HTTPRequest) throws -> HTTPResponse {
        guard signature.isValid(request.header(EventSignature.headerName), for: request.body) else {
            throw HTTPError.unauthorized(code: "invalid_signature", "The event's signature is missing or not valid.")
        }
        let event = try request.decode(PaymentEvent.self)
        guard event.type == PaymentEvent.succeeded else {
            throw HTTPError.unprocessable(code: "unknown_event", "Events of type '\(event.type)' are not handled.", param: "type")
        }
        var recordedEventID: String?
        let response: HTTPResponse = try orderLocks.withLock(event.orderId) {
            guard let stored = try store.find(id: event.orderId) else {
                throw HTTPError.notFound(code: "order_not_found", "There is no order with id '\(event.orderId)'.")
            }
            guard stored.userId == event.userId, stored.order.total == event.amount else {
                throw HTTPError.conflict(code: "payment_mismatch", "The payment does not match the order's owner or total.")
            }
            switch stored.order.status {
            case .paid, .fulfilled:
                return try .json(present(stored))
            case .cancelled:
                throw HTTPError.conflict(code: "order_cancelled", "This order was cancelled.")
            case .pendingPayment:
                recordedEventID = try markPaid(stored, card: event.card)
                guard let paid = try store.find(id: stored.order.id) else { throw HTTPError.internalError() }
                return try .json(present(paid))
            }
        }
        if let recordedEventID, let dispatcher, dispatcher.isActive {
            // Read-your-writes for the shopper: the cart is normally empty and the receipt sent
            // by the time the payment answers. Delivery stays asynchronous and retried if slow.
            dispatcher.wake()
            _ = dispatcher.waitUntilDelivered(recordedEventID, timeout: deliveryWait)
        }
        return response
    }

    /// Marks the order paid and appends OrderPurchased to the outbox in one transaction.
    private func markPaid(_ stored: StoredOrder, card: CardSummary) throws -> String {
        let now = Date()
        let timestamp = ISO8601DateFormatter().string(from: now)
        var order = stored.order
        order.status = .paid
        order.card = CardSummary(brand: card.brand, last4: String(card.last4.suffix(4)))
        order.paymentIntent = nil
        let eventID = "evt_" + EventSignature.hex(Crypto.randomBytes(12))
        let event = OrderPurchased(eventId: eventID, occurredAt: timestamp, userId: stored.userId,
                                   cartId: stored.cartId, order: order)
        let payload = try JSONBody.encode(event)
        try store.database.transaction { db in
            let changed = try db.run("""
                UPDATE orders SET status = ?, card_brand = ?, card_last4 = ?, paid_at = ?, client_secret = NULL
                WHERE id = ? AND status = ?
                """, OrderStatus.paid.rawValue, order.card?.brand.rawValue, order.card?.last4, timestamp,
                order.id, OrderStatus.pendingPayment.rawValue)
            guard changed == 1 else { throw HTTPError.conflict(code: "order_not_payable", "This order is not awaiting payment.") }
            try store.appendToOutbox(id: eventID, type: OrderPurchased.type, payload: payload, in: db, now: now)
        }
        // Stock is taken when the sale is certain; a shortfall here is a backorder, not a refusal.
        try? catalog.takeStock(Dictionary(order.lines.map { ($0.productId, $0.quantity) }, uniquingKeysWith: +))
        return eventID
    }
}
