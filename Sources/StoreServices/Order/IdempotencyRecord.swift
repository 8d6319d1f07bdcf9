import Foundation

/// The first answer given to an `Idempotency-Key`, replayed for a retry of the same request.
///
/// A key is claimed before its order is made: the record is inserted with
/// the new order in one transaction, without an answer yet (`status` 0), and
/// completed when the order's stock is reserved. The primary key lets one
/// instance claim a key; another instance given the same key meanwhile finds
/// the claim and waits for its answer, or takes the key over once the claim
/// is older than `claimLease` (its instance died while creating the order,
/// whose stock the expiry sweeper then gives back).
struct IdempotencyRecord {
    static let lifetime: TimeInterval = 48 * 3600
    /// As long as the expiry sweeper gives an order whose stock was never
    /// marked reserved (`unreservedGrace`): a request still running when its
    /// claim is taken over loses only its work — its order is never completed
    /// and expires, releasing what it reserved — while a shopper whose
    /// instance died (or whose one-process shop restarted) waits half a minute, not one.
    static let claimLease: TimeInterval = OrderService.unreservedGrace
    var requestHash: String
    var status: Int
    var response: Data
    var orderId: String = ""
    var createdEpoch: Double = 0

    /// Claimed by a request still creating its order: no answer to replay yet.
    var isPending: Bool { status == 0 }
}

extension OrderStore {
    func idempotencyRecord(user: String, key: String) throws -> IdempotencyRecord? {
        guard let row = try database.queryOne("SELECT * FROM idempotency_keys WHERE user_id = ? AND `key` = ?", user, key) else {
            return nil
        }
        return IdempotencyRecord(requestHash: row.string("request_hash"), status: row.int("status"), response: row.data("response"),
                                 orderId: row.string("order_id"), createdEpoch: row.double("created_epoch"))
    }

    /// Claims the key for `stored` and inserts the order, in one transaction.
    /// False when the key is already claimed (nothing is inserted then).
    func insert(_ stored: StoredOrder, claiming key: String, user: String, requestHash: String) throws -> Bool {
        try database.transaction { db in
            let claimed = try db.run("""
                \(db.dialect.insertOrIgnore) INTO idempotency_keys (user_id, `key`, request_hash, status, response, order_id, created_epoch)
                VALUES (?, ?, ?, 0, '', ?, ?)
                """, user, key, requestHash, stored.order.id, Date().timeIntervalSince1970)
            guard claimed == 1 else { return false }
            try insert(stored, in: db)
            return true
        }
    }

    /// Records the answer on the claim of `orderId` in the caller's
    /// transaction; false when the claim was taken over meanwhile.
    func complete(_ record: IdempotencyRecord, user: String, key: String, orderId: String, in db: SQLDatabase) throws -> Bool {
        try db.run("""
            UPDATE idempotency_keys SET status = ?, response = ? WHERE user_id = ? AND `key` = ? AND order_id = ? AND status = 0
            """, record.status, record.response, user, key, orderId) == 1
    }

    /// Frees a key whose claim for `orderId` is still unanswered (its order failed, or its instance died).
    func freeIdempotencyKey(user: String, key: String, orderId: String) throws {
        try database.run("DELETE FROM idempotency_keys WHERE user_id = ? AND `key` = ? AND order_id = ? AND status = 0",
                         user, key, orderId)
    }

    /// Forgets keys older than the promised lifetime (at least 24 hours).
    func purgeExpiredIdempotencyKeys(now: Date = Date()) throws {
        try database.run("DELETE FROM idempotency_keys WHERE created_epoch < ?",
                         now.timeIntervalSince1970 - IdempotencyRecord.lifetime)
    }
}
