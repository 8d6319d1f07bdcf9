import Foundation

/// One event waiting in the order service's outbox.
public struct OutboxEntry: Sendable {
    public var id: String
    public var type: String
    public var payload: Data
    public var attempts: Int
}

/// The outbox table in `orders.sqlite`. Events are appended in the same
/// transaction as the change they announce, so one never exists without the other.
extension OrderStore {
    func appendToOutbox(id: String, type: String, payload: Data, in db: SQLDatabase, now: Date = Date()) throws {
        try db.run("INSERT INTO outbox (id, type, payload, created_epoch, next_attempt_epoch) VALUES (?, ?, ?, ?, ?)",
                   id, type, payload, now.timeIntervalSince1970, now.timeIntervalSince1970)
    }

    /// Undelivered events whose next attempt is due, oldest first.
    public func dueOutboxEntries(now: Date = Date(), limit: Int = 50) throws -> [OutboxEntry] {
        try database.query("""
            SELECT id, type, payload, attempts FROM outbox
            WHERE delivered_epoch IS NULL AND next_attempt_epoch <= ?
            ORDER BY created_epoch, id LIMIT ?
            """, now.timeIntervalSince1970, limit).map(Self.entry)
    }

    public func outboxEntry(id: String) throws -> OutboxEntry? {
        try database.queryOne("SELECT id, type, payload, attempts FROM outbox WHERE id = ?", id).map(Self.entry)
    }

    public func undeliveredOutboxCount() throws -> Int {
        try database.queryOne("SELECT COUNT(*) AS n FROM outbox WHERE delivered_epoch IS NULL")?.int("n") ?? 0
    }

    public func isDelivered(outboxID: String) throws -> Bool {
        try database.queryOne("SELECT 1 AS found FROM outbox WHERE id = ? AND delivered_epoch IS NOT NULL", outboxID) != nil
    }

    func markOutboxDelivered(id: String, now: Date = Date()) throws {
        try database.run("UPDATE outbox SET delivered_epoch = ?, attempts = attempts + 1, last_error = NULL WHERE id = ?",
                         now.timeIntervalSince1970, id)
    }

    func markOutboxFailed(id: String, nextAttempt: Date, error: String) throws {
        try database.run("UPDATE outbox SET attempts = attempts + 1, next_attempt_epoch = ?, last_error = ? WHERE id = ?",
                         nextAttempt.timeIntervalSince1970, error, id)
    }

    private static func entry(_ row: SQLRow) -> OutboxEntry {
        OutboxEntry(id: row.string("id"), type: row.string("type"), payload: row.data("payload"), attempts: row.int("attempts"))
    }
}
