import Foundation
import StoreWire

/// The simulated card network (the acquirer a real payment service calls):
/// it decides approvals by Stripe's test-card rules and keeps the ledger of
/// every authorisation, as a real processor does on its side.
///
/// The payment service itself stays stateless; this ledger stands for the
/// processor's records, which is what makes "one charge per payment" checkable:
/// - an authorisation is keyed by the payment *attempt* (the confirm's
///   Idempotency-Key), so a retried attempt never authorises twice;
/// - an authorisation is captured once the order records it as paid, or voided
///   when it cannot be, so no approved charge stands without its paid order;
/// - an attempt voided before it was authorised stays voided, so a request
///   still in flight for it cannot charge after another attempt took over.
///
/// Only brand, last four and a keyed fingerprint of the card are kept, never
/// the number or the CVC.
public final class CardNetwork: DataDirectoryStore, @unchecked Sendable {
    public static let fileName = "card-network.sqlite"

    public enum Status: String, Sendable {
        case authorised, captured, voided, declined
    }

    /// One attempt as the network recorded it.
    public struct Charge: Sendable, Equatable {
        public var attempt: String
        public var orderId: String
        /// The shopper paying (the intent's owner).
        public var customer: String
        public var amount: Money
        public var card: CardSummary?
        public var status: Status
        public var declineCode: String?
        /// Keyed hash of the card details, to tell a retry from another card.
        var fingerprint: String
        public var createdEpoch: Double
    }

    public enum Outcome: Equatable {
        case approved(Charge)
        case declined(code: String, message: String)
        /// The attempt was voided (another attempt took over); nothing is charged.
        case voided
        /// The same attempt was made before with different card details.
        case differentCard
    }

    public let database: SQLDatabase

    public init(database: SQLDatabase) throws {
        self.database = database
        let dialect = database.dialect
        try database.execute("""
            CREATE TABLE IF NOT EXISTS charges (
                attempt \(dialect.key) PRIMARY KEY,
                order_id \(dialect.key) NOT NULL,
                customer TEXT NOT NULL,
                amount \(dialect.integer) NOT NULL,
                currency TEXT NOT NULL,
                card_brand TEXT,
                card_last4 TEXT,
                fingerprint TEXT NOT NULL,
                status \(dialect.key) NOT NULL,
                decline_code TEXT,
                created_epoch \(dialect.real) NOT NULL,
                updated_epoch \(dialect.real) NOT NULL
            );
            CREATE INDEX IF NOT EXISTS charges_by_order ON charges (order_id);
            CREATE INDEX IF NOT EXISTS charges_open ON charges (status, updated_epoch);
            """)
    }

    /// Authorises `amount` on the card for this attempt, once: a retry of the
    /// attempt with the same card gets the first decision and no second charge.
    func authorise(attempt: String, orderId: String, customer: String, amount: Money, card: ValidatedCard,
                   fingerprint: String, now: Date = Date()) throws -> Outcome {
        try onceMore(ifAnotherInsertedFirst: database.transaction { db in
            if let existing = try charge(attempt: attempt, in: db, locking: true) {
                if existing.status == .voided { return .voided }
                guard existing.fingerprint == fingerprint else { return .differentCard }
                if existing.status == .declined {
                    let decline = CardIssuer.declineMessage(existing.declineCode ?? "card_declined")
                    return .declined(code: decline.code, message: decline.message)
                }
                return .approved(existing)
            }
            let decision = CardIssuer.authorise(card)
            var declineCode: String?
            if case .declined(let code, _) = decision { declineCode = code }
            let stamp = now.timeIntervalSince1970
            try db.run("""
                INSERT INTO charges (attempt, order_id, customer, amount, currency, card_brand, card_last4, fingerprint,
                    status, decline_code, created_epoch, updated_epoch)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, attempt, orderId, customer, amount.amount, amount.currency, card.brand.rawValue, card.summary.last4,
                fingerprint, declineCode == nil ? Status.authorised.rawValue : Status.declined.rawValue,
                declineCode, stamp, stamp)
            switch decision {
            case .declined(let code, let message): return .declined(code: code, message: message)
            case .approved:
                guard let stored = try charge(attempt: attempt, in: db) else { throw PipelineError("charge not stored") }
                return .approved(stored)
            }
        })
    }

    /// Captures an authorisation; true when it is (or already was) captured.
    @discardableResult
    func capture(attempt: String, now: Date = Date()) throws -> Bool {
        try database.run("UPDATE charges SET status = ?, updated_epoch = ? WHERE attempt = ? AND status = ?",
                         Status.captured.rawValue, now.timeIntervalSince1970, attempt, Status.authorised.rawValue)
        return try charge(attempt: attempt, in: database)?.status == .captured
    }

    /// Voids an authorisation, or records the attempt as voided when it was
    /// never authorised, so it cannot be authorised later. False when the
    /// attempt is already captured (then it stands).
    @discardableResult
    func void(attempt: String, orderId: String, now: Date = Date()) throws -> Bool {
        try onceMore(ifAnotherInsertedFirst: database.transaction { db in
            let stamp = now.timeIntervalSince1970
            guard let existing = try charge(attempt: attempt, in: db, locking: true) else {
                try db.run("""
                    INSERT INTO charges (attempt, order_id, customer, amount, currency, fingerprint, status, created_epoch,
                        updated_epoch)
                    VALUES (?, ?, '', 0, '', '', ?, ?, ?)
                    """, attempt, orderId, Status.voided.rawValue, stamp, stamp)
                return true
            }
            switch existing.status {
            case .captured: return false
            case .voided, .declined: return true
            case .authorised:
                try db.run("UPDATE charges SET status = ?, updated_epoch = ? WHERE attempt = ?",
                           Status.voided.rawValue, stamp, attempt)
                return true
            }
        })
    }

    public func charge(attempt: String) throws -> Charge? { try charge(attempt: attempt, in: database) }

    /// Authorisations neither captured nor voided that are older than `age`.
    public func openAuthorisations(olderThan age: TimeInterval, now: Date = Date()) throws -> [Charge] {
        try database.query("SELECT * FROM charges WHERE status = ? AND updated_epoch <= ? ORDER BY created_epoch",
                           Status.authorised.rawValue, now.timeIntervalSince1970 - age).map(Self.charge)
    }

    /// Every charge of every status, for audits and tests.
    public func allCharges() throws -> [Charge] {
        try database.query("SELECT * FROM charges ORDER BY created_epoch").map(Self.charge)
    }

    /// `locking` reads the row for update, so a capture and a void of one attempt take turns.
    private func charge(attempt: String, in db: SQLDatabase, locking: Bool = false) throws -> Charge? {
        try db.queryOne("SELECT * FROM charges WHERE attempt = ?" + (locking ? db.dialect.forUpdate : ""), attempt)
            .map(Self.charge)
    }

    private static func charge(_ row: SQLRow) -> Charge {
        let card = row.optionalString("card_brand").map {
            CardSummary(brand: CardBrand(rawValue: $0) ?? .unknown, last4: row.string("card_last4"))
        }
        return Charge(attempt: row.string("attempt"), orderId: row.string("order_id"), customer: row.string("customer"),
                      amount: Money(row.int("amount"), row.string("currency")), card: card,
                      status: Status(rawValue: row.string("status")) ?? .voided,
                      declineCode: row.optionalString("decline_code"), fingerprint: row.string("fingerprint"),
                      createdEpoch: row.double("created_epoch"))
    }
}
