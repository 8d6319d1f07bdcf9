import Foundation
import StoreHTTP

/// One event waiting in the order service's outbox.
public struct OutboxEntry: Sendable {
    public var id: String
    public var type: String
    public var payload: Data
    public var attempts: Int
    /// The trace of the request that caused the event, continued while consumers act on it.
    public var traceID: String?
    /// The order the event is about: one order's events are delivered in the order recorded.
    public var orderID: String?
}

/// The outbox table of the order service's database. Events are appended in
/// the same transaction as the change they announce, so one never exists
/// without the other; `claimed_by` and `lease_until` say which dispatcher
/// holds an event and until when (see OutboxDispatcher); `order_id` is the
/// order it is about and `trace_id` the trace of the request that caused it.
extension OrderStore {
    func appendToOutbox(id: String, type: String, orderID: String, payload: Data, in db: SQLDatabase,
                        now: Date = Date()) throws {
        try db.run("""
            INSERT INTO outbox (id, type, payload, created_epoch, next_attempt_epoch, order_id, trace_id)
            VALUES (?, ?, ?, ?, ?, ?, ?)
            """, id, type, payload, now.timeIntervalSince1970, now.timeIntervalSince1970, orderID,
            TraceContext.current?.traceID)
    }

    /// The order's OrderPurchased event: its id and when it was recorded (the order paid).
    func purchaseEvent(orderID: String) throws -> (id: String, recorded: Double)? {
        try database.queryOne("SELECT id, created_epoch FROM outbox WHERE order_id = ? AND type = ?",
                              orderID, OrderPurchased.type).map { ($0.string("id"), $0.double("created_epoch")) }
    }

    /// Claims for `dispatcher`, until `now + lease`, up to `limit` events
    /// that are undelivered, due, and held by no live lease, oldest first,
    /// leaving those `skipping` names unclaimed. One short transaction: on
    /// MariaDB the rows are read `FOR UPDATE SKIP LOCKED`, so dispatchers
    /// claiming at the same moment take different events instead of waiting
    /// for each other (SQLite's transaction holds the whole database, so they
    /// take turns). A claim does not wait for the disk: one a power cut loses
    /// only lets the events be claimed again, and delivered at least once.
    public func claimDueOutboxEntries(by dispatcher: String, now: Date = Date(), lease: TimeInterval, limit: Int = 20,
                                      skipping: (OutboxEntry) -> Bool = { _ in false }) throws -> [OutboxEntry] {
        let stamp = now.timeIntervalSince1970
        return try DeferredDurability.withoutWaiting {
            try database.transaction { db in
                let due = try db.query("""
                    SELECT id, type, payload, attempts, trace_id, order_id FROM outbox
                    WHERE delivered_epoch IS NULL AND next_attempt_epoch <= ? AND (lease_until IS NULL OR lease_until <= ?)
                    ORDER BY created_epoch, id LIMIT ?\(db.dialect.forUpdateSkipLocked)
                    """, stamp, stamp, limit).map(Self.entry).filter { !skipping($0) }
                for entry in due {
                    try db.run("UPDATE outbox SET claimed_by = ?, lease_until = ? WHERE id = ?", dispatcher, stamp + lease, entry.id)
                }
                return due
            }
        }
    }

    /// Extends `dispatcher`'s lease on an event it is about to deliver; false
    /// when the event is no longer its own (delivered, or its lease ran out
    /// and another dispatcher claimed it).
    func renewOutboxLease(id: String, by dispatcher: String, until: Date) throws -> Bool {
        try database.run("UPDATE outbox SET lease_until = ? WHERE id = ? AND claimed_by = ? AND delivered_epoch IS NULL",
                         until.timeIntervalSince1970, id, dispatcher) == 1
    }

    public func outboxEntry(id: String) throws -> OutboxEntry? {
        try database.queryOne("SELECT id, type, payload, attempts, trace_id, order_id FROM outbox WHERE id = ?", id).map(Self.entry)
    }

    public func undeliveredOutboxCount() throws -> Int {
        try database.queryOne("SELECT COUNT(*) AS n FROM outbox WHERE delivered_epoch IS NULL")?.int("n") ?? 0
    }

    public func isDelivered(outboxID: String) throws -> Bool {
        try database.queryOne("SELECT 1 AS found FROM outbox WHERE id = ? AND delivered_epoch IS NOT NULL", outboxID) != nil
    }

    func markOutboxDelivered(id: String, now: Date = Date()) throws {
        try database.run("""
            UPDATE outbox SET delivered_epoch = ?, attempts = attempts + 1, last_error = NULL, claimed_by = NULL, lease_until = NULL
            WHERE id = ?
            """, now.timeIntervalSince1970, id)
    }

    /// Schedules the next attempt and frees the event, unless another dispatcher holds it now.
    func markOutboxFailed(id: String, by dispatcher: String, nextAttempt: Date, error: String) throws {
        try database.run("""
            UPDATE outbox SET attempts = attempts + 1, next_attempt_epoch = ?, last_error = ?, claimed_by = NULL, lease_until = NULL
            WHERE id = ? AND delivered_epoch IS NULL AND (claimed_by IS NULL OR claimed_by = ?)
            """, nextAttempt.timeIntervalSince1970, error, id, dispatcher)
    }

    private static func entry(_ row: SQLRow) -> OutboxEntry {
        OutboxEntry(id: row.string("id"), type: row.string("type"), payload: row.data("payload"), attempts: row.int("attempts"),
                    traceID: row.optionalString("trace_id"), orderID: row.optionalString("order_id"))
    }
}
