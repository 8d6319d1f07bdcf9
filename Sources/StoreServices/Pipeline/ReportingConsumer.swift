import Foundation
import StoreWire

/// Upserts the order and its lines into the reporting database, and records
/// the event id in the same transaction, first: each event counts exactly once,
/// also when two instances deliver it at once.
public final class ReportingConsumer: OrderPurchasedConsumer, OrderCancelledConsumer, @unchecked Sendable {
    public let name = "reporting"
    let store: ReportingStore

    public init(store: ReportingStore) { self.store = store }

    public func handle(_ event: OrderPurchased) throws {
        let order = event.order
        try store.database.transaction { db in
            guard try ProcessedEvents.firstDelivery(of: event.eventId, in: db) else { return }
            let dialect = db.dialect
            // A cancellation reported first stays: the purchase arriving late does not undo it.
            let status = "status = CASE WHEN report_orders.status = 'CANCELLED' THEN 'CANCELLED' ELSE \(dialect.inserted("status")) END"
            let update = dialect.upsert(conflictKey: ["order_id"], assigning: [status] + [
                "order_number", "purchased_at", "subtotal", "tax", "shipping", "total", "item_count", "card_brand", "card_last4",
            ].map { "\($0) = \(dialect.inserted($0))" })
            try db.run("""
                INSERT INTO report_orders (order_id, order_number, user_id, email, status, created_at, purchased_at, currency,
                    subtotal, tax, shipping, total, item_count, card_brand, card_last4)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) \(update)
                """, order.id, order.number, event.userId, order.email, order.status.rawValue, order.createdAt,
                event.occurredAt, order.total.currency, order.subtotal.amount, order.tax.amount, order.shipping.amount,
                order.total.amount, order.lines.reduce(0) { $0 + $1.quantity }, order.card?.brand.rawValue, order.card?.last4)
            try db.run("DELETE FROM report_order_lines WHERE order_id = ?", order.id)
            for (position, line) in order.lines.enumerated() {
                try db.run("""
                    INSERT INTO report_order_lines (order_id, position, product_id, name, kind, unit_price, quantity, line_total)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                    """, order.id, position, line.productId, line.name, line.kind.rawValue, line.unitPrice.amount,
                    line.quantity, line.lineTotal.amount)
            }
        }
    }

    /// Marks the reported order cancelled. Until its purchase is reported there
    /// is nothing to mark, so it fails and the dispatcher tries again later.
    public func handle(_ event: OrderCancelled) throws {
        try store.database.transaction { db in
            guard try ProcessedEvents.firstDelivery(of: event.eventId, in: db) else { return }
            let changed = try db.run("UPDATE report_orders SET status = 'CANCELLED' WHERE order_id = ?", event.orderId)
            guard changed == 1 else { throw PipelineError("order \(event.orderId) is not reported yet") }
        }
    }
}
