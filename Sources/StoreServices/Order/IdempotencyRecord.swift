import Foundation

/// The first answer given to an `Idempotency-Key`, replayed for a retry of the same request.
struct IdempotencyRecord {
    static let lifetime: TimeInterval = 48 * 3600
    var requestHash: String
    var status: Int
    var response: Data
}

extension OrderStore {
    func idempotencyRecord(user: String, key: String) throws -> IdempotencyRecord? {
        guard let row = try database.queryOne("SELECT * FROM idempotency_keys WHERE user_id = ? AND key = ?", user, key) else {
            return nil
        }
        return IdempotencyRecord(requestHash: row.string("request_hash"), status: row.int("status"), response: row.data("response"))
    }

    /// Records the answer in the caller's transaction; the primary key refuses a second record for a key.
    func saveIdempotencyRecord(_ record: IdempotencyRecord, user: String, key: String, orderId: String,
                               in db: SQLDatabase) throws {
        try db.run("""
            INSERT INTO idempotency_keys (user_id, key, request_hash, status, response, order_id, created_epoch)
            VALUES (?, ?, ?, ?, ?, ?, ?)
            """, user, key, record.requestHash, record.status, record.response, orderId, Date().timeIntervalSince1970)
    }

    /// Forgets keys older than the promised lifetime (at least 24 hours).
    func purgeExpiredIdempotencyKeys(now: Date = Date()) throws {
        try database.run("DELETE FROM idempotency_keys WHERE created_epoch < ?",
                         now.timeIntervalSince1970 - IdempotencyRecord.lifetime)
    }
}
