import Foundation
import CSQLite

/// One SQLite connection with the statements it has prepared, kept for reuse:
/// preparing parses and plans the SQL, which costs more than running a
/// simple query. Not thread-safe: its owner serialises its use.
final class SQLiteConnection {
    let handle: OpaquePointer
    private var statements: [String: SQLiteStatement] = [:]
    /// Statements kept at most; SQL built with a varying number of terms could otherwise grow the cache without end.
    private static let cacheLimit = 128

    /// Opens `path` with `flags` and a busy timeout.
    init(path: String, flags: Int32, busyTimeoutMilliseconds: Int32) throws {
        var opened: OpaquePointer?
        let result = sqlite3_open_v2(path, &opened, flags, nil)
        guard result == SQLITE_OK, let opened else {
            let message = opened.map { String(cString: sqlite3_errmsg($0)) } ?? "cannot open"
            sqlite3_close(opened)
            throw SQLiteError(code: result, message: "\(message) (\(path))")
        }
        handle = opened
        sqlite3_busy_timeout(opened, busyTimeoutMilliseconds)
    }

    /// Finalizes the kept statements and closes the connection.
    func close() {
        statements.removeAll()
        sqlite3_close_v2(handle)
    }

    /// The prepared statement for `sql`, rewound and unbound after `body`.
    func withStatement<T>(_ sql: String, _ body: (SQLiteStatement) throws -> T) throws -> T {
        let statement: SQLiteStatement
        if let kept = statements[sql] {
            statement = kept
        } else {
            statement = try SQLiteStatement(connection: handle, sql: sql)
            if statements.count >= Self.cacheLimit { statements.removeAll() }
            statements[sql] = statement
        }
        defer { statement.reset() }
        return try body(statement)
    }

    func run(_ sql: String, arguments: [SQLBindable?]) throws -> Int {
        try withStatement(sql) { statement in
            try statement.bind(arguments)
            while try statement.step() {}
            return Int(sqlite3_changes(handle))
        }
    }

    /// Steps through a query's rows, handing `body` the statement standing on each; false, without
    /// running it, when `readOnly` is asked for and the statement would write.
    func forEachRow(_ sql: String, arguments: [SQLBindable?], readOnly: Bool = false,
                    _ body: (SQLiteStatement) throws -> Void) throws -> Bool {
        try withStatement(sql) { statement in
            if readOnly, !statement.isReadOnly { return false }
            try statement.bind(arguments)
            while try statement.step() { try body(statement) }
            return true
        }
    }
}
