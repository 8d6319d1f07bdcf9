/// A failure reported by SQLite, with its result code and message.
public struct SQLiteError: DatabaseError, Sendable {
    public var code: Int32
    public var message: String
    /// The statement that failed, for diagnosis; never holds bound values.
    public var sql: String?

    public init(code: Int32, message: String, sql: String? = nil) {
        self.code = code
        self.message = message
        self.sql = sql
    }

    public var description: String {
        "SQLite error \(code): \(message)" + (sql.map { " in: \($0)" } ?? "")
    }

    /// SQLITE_CONSTRAINT and its extended codes (unique, primary key, …).
    public var isConstraintViolation: Bool { code & 0xFF == 19 }

    /// A file of the data directory never goes away while serving.
    public var isUnavailable: Bool { false }
}
