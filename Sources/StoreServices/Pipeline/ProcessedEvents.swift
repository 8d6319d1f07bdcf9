import Foundation

/// Remembers which events the consumers without a database of their own
/// (receipt, cart) have handled: `pipeline.sqlite`.
public final class ProcessedEvents: DataDirectoryStore, @unchecked Sendable {
    public static let fileName = "pipeline.sqlite"
    let database: SQLDatabase

    public init(database: SQLDatabase) throws {
        self.database = database
        try database.execute("""
            CREATE TABLE IF NOT EXISTS processed_events (
                consumer TEXT NOT NULL,
                event_id TEXT NOT NULL,
                processed_at TEXT NOT NULL,
                PRIMARY KEY (consumer, event_id)
            );
            """)
    }

    public func contains(_ eventId: String, consumer: String) throws -> Bool {
        try database.queryOne("SELECT 1 AS found FROM processed_events WHERE consumer = ? AND event_id = ?",
                              consumer, eventId) != nil
    }

    /// Runs `handle` unless `consumer` has already handled the event, then records it as handled;
    /// an error from `handle` leaves it unrecorded, so a redelivery tries again.
    public func once(_ eventId: String, consumer: String, _ handle: () throws -> Void) throws {
        if try contains(eventId, consumer: consumer) { return }
        try handle()
        try record(eventId, consumer: consumer)
    }

    public func record(_ eventId: String, consumer: String) throws {
        try database.run("INSERT OR IGNORE INTO processed_events (consumer, event_id, processed_at) VALUES (?, ?, ?)",
                         consumer, eventId, ISO8601DateFormatter().string(from: Date()))
    }
}
