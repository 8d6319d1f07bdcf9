/// A failure reported by MariaDB (or MySQL) or by its client library, with
/// the error number, the SQLSTATE and the message.
public struct MariaDBError: DatabaseError, Sendable {
    public var code: UInt32
    public var sqlState: String
    public var message: String
    /// The statement that failed, for diagnosis; never holds bound values.
    public var sql: String?

    public init(code: UInt32, sqlState: String = "HY000", message: String, sql: String? = nil) {
        self.code = code
        self.sqlState = sqlState
        self.message = message
        self.sql = sql
    }

    public var description: String {
        "MariaDB error \(code) (\(sqlState)): \(message)" + (sql.map { " in: \($0)" } ?? "")
    }

    /// Duplicate key (1062), foreign key (1451, 1452), NULL in NOT NULL (1048), CHECK (4025),
    /// and any other integrity violation (SQLSTATE class 23).
    public var isConstraintViolation: Bool {
        [1062, 1451, 1452, 1048, 4025].contains(code) || sqlState.hasPrefix("23")
    }

    /// The client library's connection errors (2002 no socket, 2003 cannot
    /// connect, 2006 server gone, 2013 lost during a query, 2055 lost at
    /// reading), the server shutting down (1053) or killing the connection
    /// (1927), and no connection free in time (`poolExhausted`).
    public var isUnavailable: Bool {
        [2002, 2003, 2006, 2013, 2055, 1053, 1927, Self.poolExhausted].contains(code)
    }

    /// The access to the server was refused: wrong user or password (1045), no rights on the schema (1044).
    public var isAccessDenied: Bool { code == 1045 || code == 1044 }

    /// InnoDB chose this transaction as a deadlock's victim (1213); it may run again.
    public var isDeadlock: Bool { code == 1213 }

    /// Our own code for "every connection of the pool stayed busy past the wait".
    public static let poolExhausted: UInt32 = 9001
}
