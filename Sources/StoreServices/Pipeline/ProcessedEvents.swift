import Foundation

/// Remembers which events the consumers whose effect lies outside any
/// database of ours (receipt and download emails, cart) have handled:
/// `pipeline.sqlite`, or the schema PREFIX_pipeline on MariaDB.
///
/// Two instances may run one consumer on one event at once (a dispatcher
/// slower than its lease, whose event another instance delivers meanwhile).
/// So a consumer claims the event before acting: the row is inserted first
/// with `claimed_until` (the primary key lets one instance insert it; the
/// other waits for that insert and finds the row), marked handled after the
/// effect (`claimed_until` NULL), and deleted when the effect fails. An
/// instance that dies between claiming and recording leaves a claim that
/// runs out after `lease`; the next delivery then takes it over and acts
/// again: at least once, and once while the instances live.
public final class ProcessedEvents: DataDirectoryStore, @unchecked Sendable {
    public static let fileName = "pipeline.sqlite"
    let database: SQLDatabase
    /// How long a claim holds an event before another instance may take it
    /// over: longer than sending an email takes (30 s at most), timeouts included.
    public var lease: TimeInterval = 60
    /// The time claims are made and compared at; a test moves it forward as it
    /// does the dispatcher's (`deliverDueEvents(now:)`) to act after a lease.
    public var clock: @Sendable () -> Date = { Date() }

    public init(database: SQLDatabase) throws {
        self.database = database
        let key = database.dialect.key
        try database.execute("""
            CREATE TABLE IF NOT EXISTS processed_events (
                consumer \(key) NOT NULL,
                event_id \(key) NOT NULL,
                processed_at TEXT NOT NULL,
                PRIMARY KEY (consumer, event_id)
            );
            """)
        try database.addMissingColumns("processed_events", ["claimed_until": database.dialect.real])
        try Self.addHandledTime(to: database)
    }

    /// `processed_epoch`: when the event was handled, to the fraction of a
    /// second (`processed_at` is ISO 8601 to the second), for the order's pipeline.
    static func addHandledTime(to database: SQLDatabase) throws {
        try database.addMissingColumns("processed_events", ["processed_epoch": database.dialect.real])
    }

    /// When each consumer that records here finished the event (claims still running are not finished).
    func handledTimes(of eventId: String) throws -> [String: Double] {
        var times: [String: Double] = [:]
        for row in try database.query("""
            SELECT consumer, processed_at, processed_epoch FROM processed_events WHERE event_id = ? AND claimed_until IS NULL
            """, eventId) {
            times[row.string("consumer")] = Self.handledTime(row)
        }
        return times
    }

    /// The time of a `processed_events` row; rows from before `processed_epoch` give their second.
    static func handledTime(_ row: SQLRow) -> Double? {
        row.optionalDouble("processed_epoch")
            ?? ISO8601DateFormatter().date(from: row.string("processed_at"))?.timeIntervalSince1970
    }

    /// When a consumer with a database of its own recorded the event there (see `firstDelivery`).
    static func recordedTime(of eventId: String, in database: SQLDatabase) throws -> Double? {
        try database.queryOne("SELECT processed_at, processed_epoch FROM processed_events WHERE event_id = ?", eventId)
            .flatMap(handledTime)
    }

    /// Whether `consumer` has handled the event (a claim still running is not handled).
    public func contains(_ eventId: String, consumer: String) throws -> Bool {
        try database.queryOne("SELECT 1 AS found FROM processed_events WHERE consumer = ? AND event_id = ? AND claimed_until IS NULL",
                              consumer, eventId) != nil
    }

    /// Runs `handle` unless `consumer` has already handled the event, then records it as handled;
    /// an error from `handle` frees the claim, so a redelivery tries again. Throws without running
    /// `handle` while another instance holds the claim, so the dispatcher retries later.
    public func once(_ eventId: String, consumer: String, _ handle: () throws -> Void) throws {
        guard try claim(eventId, consumer: consumer, now: clock()) else { return }
        do {
            try handle()
        } catch {
            try? database.run("DELETE FROM processed_events WHERE consumer = ? AND event_id = ? AND claimed_until IS NOT NULL",
                              consumer, eventId)
            throw error
        }
        let now = Date()
        try database.run("""
            UPDATE processed_events SET claimed_until = NULL, processed_at = ?, processed_epoch = ?
            WHERE consumer = ? AND event_id = ?
            """, Timestamp.string(from: now), now.timeIntervalSince1970, consumer, eventId)
    }

    /// True when the event is now this caller's to handle, false when it was handled.
    func claim(_ eventId: String, consumer: String, now: Date) throws -> Bool {
        let stamp = now.timeIntervalSince1970
        return try database.transaction { db in
            let inserted = try db.run("""
                \(db.dialect.insertOrIgnore) INTO processed_events (consumer, event_id, processed_at, claimed_until)
                VALUES (?, ?, '', ?)
                """, consumer, eventId, stamp + lease)
            if inserted == 1 { return true }
            guard let row = try db.queryOne("SELECT claimed_until FROM processed_events WHERE consumer = ? AND event_id = ?"
                                            + db.dialect.forUpdate, consumer, eventId) else {
                throw PipelineError("a claim of event \(eventId) for \(consumer) was freed meanwhile")
            }
            guard let until = row.optionalDouble("claimed_until") else { return false }
            guard until <= stamp else {
                throw PipelineError("another instance is handling event \(eventId) for \(consumer)")
            }
            try db.run("UPDATE processed_events SET claimed_until = ? WHERE consumer = ? AND event_id = ?",
                       stamp + lease, consumer, eventId)
            return true
        }
    }

    /// For a consumer with a database of its own (reporting, fulfillment):
    /// records the event in its `processed_events (event_id, processed_at)`
    /// in the transaction of the effect, before the effect. False when it
    /// was recorded before; an instance inserting it at the same moment waits
    /// for this transaction and then finds it.
    static func firstDelivery(of eventId: String, in db: SQLDatabase) throws -> Bool {
        let now = Date()
        return try db.run("""
            \(db.dialect.insertOrIgnore) INTO processed_events (event_id, processed_at, processed_epoch) VALUES (?, ?, ?)
            """, eventId, Timestamp.string(from: now), now.timeIntervalSince1970) == 1
    }
}
