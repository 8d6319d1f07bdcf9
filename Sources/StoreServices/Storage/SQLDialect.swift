/// The pieces of SQL that differ between SQLite and MariaDB/MySQL. Everything
/// else the stores write is common to both.
public struct SQLDialect: Sendable, Equatable {
    /// A text column that is a key or is indexed: MariaDB indexes only text of bounded length.
    public let key: String
    /// A 64-bit integer column (SQLite's INTEGER; MariaDB's INTEGER has 32 bits).
    public let integer: String
    /// A floating-point column.
    public let real: String
    /// A column of bytes.
    public let blob: String
    /// `INSERT` that skips rows whose key exists.
    public let insertOrIgnore: String
    /// `INSERT` that replaces the row whose key exists.
    public let insertOrReplace: String
    /// Appended to a SELECT inside a transaction to lock the rows it claims.
    /// SQLite's transactions already hold the whole database (BEGIN IMMEDIATE).
    public let forUpdate: String
    /// As `forUpdate`, skipping rows another transaction holds (for queues).
    public let forUpdateSkipLocked: String
    /// Compares text regardless of letter case.
    public let caseInsensitive: String

    public static let sqlite = SQLDialect(
        key: "TEXT", integer: "INTEGER", real: "REAL", blob: "BLOB", insertOrIgnore: "INSERT OR IGNORE",
        insertOrReplace: "INSERT OR REPLACE", forUpdate: "", forUpdateSkipLocked: "",
        caseInsensitive: "COLLATE NOCASE")

    /// 255 characters of utf8mb4 keep three key columns in one index under InnoDB's 3072 bytes.
    public static let mariadb = SQLDialect(
        key: "VARCHAR(255)", integer: "BIGINT", real: "DOUBLE", blob: "LONGBLOB", insertOrIgnore: "INSERT IGNORE",
        insertOrReplace: "REPLACE", forUpdate: " FOR UPDATE", forUpdateSkipLocked: " FOR UPDATE SKIP LOCKED",
        caseInsensitive: "COLLATE utf8mb4_general_ci")

    /// `ON CONFLICT … DO UPDATE` / `ON DUPLICATE KEY UPDATE`: after an INSERT,
    /// sets `columns` from the row that was to be inserted when `conflictKey` exists.
    public func upsert(conflictKey: [String], set columns: [String]) -> String {
        upsert(conflictKey: conflictKey, assigning: columns.map { "\($0) = \(inserted($0))" })
    }

    /// As `upsert(conflictKey:set:)` with assignments of one's own, e.g.
    /// `status = CASE … ELSE \(inserted("status")) END`.
    public func upsert(conflictKey: [String], assigning assignments: [String]) -> String {
        (self == .sqlite ? "ON CONFLICT (\(conflictKey.joined(separator: ", "))) DO UPDATE SET " : "ON DUPLICATE KEY UPDATE ")
            + assignments.joined(separator: ", ")
    }

    /// In an upsert's assignments: the value `column` had in the row that was to be inserted.
    public func inserted(_ column: String) -> String {
        self == .sqlite ? "excluded.\(column)" : "VALUES(\(column))"
    }
}
