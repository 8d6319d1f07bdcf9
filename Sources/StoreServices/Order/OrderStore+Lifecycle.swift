import Foundation
import StoreWire

/// The changes of an order's life after it is created: its stock reservation,
/// the payment attempt holding it, and expiry. Each is one guarded UPDATE, so
/// two instances (or a retry) racing on one order cannot both succeed.
extension OrderStore {
    func markStockReserved(orderID: String, in db: SQLDatabase) throws {
        try db.run("UPDATE orders SET stock_reserved = 1 WHERE id = ?", orderID)
    }

    /// Removes an order whose stock could not be reserved (it was never answered to anyone).
    func discardUnreserved(orderID: String) throws {
        try database.transaction { db in
            try db.run("DELETE FROM order_lines WHERE order_id = ? AND EXISTS (SELECT 1 FROM orders WHERE id = ? AND stock_reserved = 0)",
                       orderID, orderID)
            try db.run("DELETE FROM orders WHERE id = ? AND stock_reserved = 0", orderID)
        }
    }

    /// Gives the order to a payment attempt: when no attempt holds it, when
    /// this one already does, or when the holder's lease ran out (its request
    /// died; should it still charge, its payment is refused and voided).
    /// True when `attempt` now holds the order.
    func claim(orderID: String, attempt: String, now: Date, lease: TimeInterval, in db: SQLDatabase) throws -> Bool {
        let changed = try db.run("""
            UPDATE orders SET payment_attempt = ?, claimed_epoch = ?
            WHERE id = ? AND status = ? AND expires_epoch > ?
              AND (payment_attempt IS NULL OR payment_attempt = ? OR claimed_epoch <= ?)
            """, attempt, now.timeIntervalSince1970, orderID, OrderStatus.pendingPayment.rawValue,
            now.timeIntervalSince1970, attempt, now.timeIntervalSince1970 - lease)
        return changed == 1
    }

    /// Lets go of the order when `attempt` holds it (its card was declined).
    func releaseClaim(orderID: String, attempt: String, in db: SQLDatabase) throws {
        try db.run("""
            UPDATE orders SET payment_attempt = NULL, claimed_epoch = NULL
            WHERE id = ? AND status = ? AND payment_attempt = ?
            """, orderID, OrderStatus.pendingPayment.rawValue, attempt)
    }

    /// Unpaid orders past their expiry that no live attempt holds, and orders
    /// left without their stock reservation for longer than `grace`.
    func expirableOrderIDs(now: Date, lease: TimeInterval, grace: TimeInterval, limit: Int = 100) throws -> [String] {
        let stamp = now.timeIntervalSince1970
        return try database.query("""
            SELECT id FROM orders WHERE status = ?
              AND ((expires_epoch <= ? AND (claimed_epoch IS NULL OR claimed_epoch <= ?))
                   OR (stock_reserved = 0 AND created_epoch <= ?))
            LIMIT ?
            """, OrderStatus.pendingPayment.rawValue, stamp, stamp - lease, stamp - grace, limit).map { $0.string("id") }
    }
}
