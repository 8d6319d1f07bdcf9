import Foundation
import StoreWire

/// Orders that are never paid give their stock back: after `paymentWindow`
/// an unpaid order no payment attempt holds expires, and an order a crash
/// left between being stored and reserving its stock expires after a short
/// grace. The status change and the OrderExpired event (which releases the
/// stock) commit together.
extension OrderService {
    static let unreservedGrace: TimeInterval = 30

    /// Expires what is due; returns how many orders expired.
    @discardableResult
    public func expireOverdueOrders(now: Date = Date()) throws -> Int {
        var expired = 0
        let due = try store.expirableOrderIDs(now: now, lease: claimLease, grace: Self.unreservedGrace)
        for id in due {
            let changed: Bool = try orderLocks.withLock(id) {
                let stamp = now.timeIntervalSince1970
                let event = OrderExpired(eventId: "evt_" + EventSignature.hex(Crypto.randomBytes(12)),
                                         occurredAt: Timestamp.string(from: now), orderId: id)
                return try store.database.transaction { db in
                    let changed = try db.run("""
                        UPDATE orders SET status = ?, client_secret = NULL
                        WHERE id = ? AND status = ?
                          AND ((expires_epoch <= ? AND (claimed_epoch IS NULL OR claimed_epoch <= ?))
                               OR (stock_reserved = 0 AND created_epoch <= ?))
                        """, OrderStatus.expired.rawValue, id, OrderStatus.pendingPayment.rawValue,
                        stamp, stamp - claimLease, stamp - Self.unreservedGrace)
                    guard changed == 1 else { return false }
                    // Due at once, whatever moment `now` stands for.
                    try store.appendToOutbox(id: event.eventId, type: OrderExpired.type, orderID: event.orderId,
                                             payload: try JSONBody.encode(event), in: db, now: Date())
                    return true
                }
            }
            if changed { expired += 1 }
        }
        if expired > 0 { dispatcher?.wake() }
        return expired
    }
}
