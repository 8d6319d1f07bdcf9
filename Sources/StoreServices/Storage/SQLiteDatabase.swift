import Foundation
import CSQLite

/// One SQLite connection to one database file, in WAL mode with a busy
/// timeout, shared by the threads of a service. A recursive lock serialises
/// its use, so a transaction's statements never interleave with another
/// thread's, and code inside `transaction` may call `run`/`query` freely.
public final class SQLiteDatabase: SQLDatabase, @unchecked Sendable {
    private var connection: OpaquePointer?
    private let lock = NSRecursiveLock()
    private var transactionDepth = 0
    public let path: String
    public var dialect: SQLDialect { .sqlite }

    /// Opens (creating if needed) the database at `path`, readable by its owner
    /// only: SQLite gives the WAL and SHM files the database file's mode.
    public init(path: String, busyTimeoutMilliseconds: Int32 = 5000) throws {
        self.path = path
        try PrivateFiles.prepareFile(path)
        for companion in ["-wal", "-shm", "-journal"] { PrivateFiles.restrict(path + companion) }
        var opened: OpaquePointer?
        let flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_FULLMUTEX
        let result = sqlite3_open_v2(path, &opened, flags, nil)
        guard result == SQLITE_OK, let opened else {
            let message = opened.map { String(cString: sqlite3_errmsg($0)) } ?? "cannot open"
            sqlite3_close(opened)
            throw SQLiteError(code: result, message: "\(message) (\(path))")
        }
        connection = opened
        sqlite3_busy_timeout(opened, busyTimeoutMilliseconds)
        try execute("PRAGMA journal_mode = WAL; PRAGMA foreign_keys = ON;")
    }

    public convenience init(url: URL) throws { try self.init(path: url.path) }

    deinit { close() }

    /// Closes the connection; later calls fail.
    public func close() {
        lock.lock(); defer { lock.unlock() }
        if let connection { sqlite3_close_v2(connection) }
        connection = nil
    }

    /// Runs one or more statements without parameters (schema, pragmas).
    public func execute(_ sql: String) throws {
        try withConnection { connection in
            var message: UnsafeMutablePointer<CChar>?
            let result = sqlite3_exec(connection, sql, nil, nil, &message)
            if result != SQLITE_OK {
                let text = message.map { String(cString: $0) } ?? "error"
                sqlite3_free(message)
                throw SQLiteError(code: result, message: text, sql: sql)
            }
        }
    }

    @discardableResult
    public func run(_ sql: String, arguments: [SQLBindable?]) throws -> Int {
        try withConnection { connection in
            let statement = try SQLiteStatement(connection: connection, sql: sql)
            try statement.bind(arguments)
            while try statement.step() {}
            return Int(sqlite3_changes(connection))
        }
    }

    public func query(_ sql: String, arguments: [SQLBindable?]) throws -> [SQLRow] {
        try withConnection { connection in
            let statement = try SQLiteStatement(connection: connection, sql: sql)
            try statement.bind(arguments)
            var rows: [SQLRow] = []
            while try statement.step() { rows.append(statement.row()) }
            return rows
        }
    }

    /// Prepares a statement for repeated use; use it inside `withConnection` or `transaction`.
    public func prepare(_ sql: String) throws -> SQLiteStatement {
        try withConnection { try SQLiteStatement(connection: $0, sql: sql) }
    }

    public func addMissingColumns(_ table: String, _ columns: KeyValuePairs<String, String>) throws {
        let existing = Set(try query("SELECT name FROM pragma_table_info(?)", table).map { $0.string("name") })
        for (name, definition) in columns where !existing.contains(name) {
            try execute("ALTER TABLE \(table) ADD COLUMN \(name) \(definition)")
        }
    }

    /// The rowid of the last row inserted on this connection.
    public var lastInsertRowID: Int64 {
        (try? withConnection { sqlite3_last_insert_rowid($0) }) ?? 0
    }

    /// Runs `body` in `BEGIN IMMEDIATE … COMMIT`: the transaction holds the
    /// database's write lock from its start, so a read followed by a write
    /// inside it sees no other writer in between.
    public func transaction<T>(_ body: (SQLDatabase) throws -> T) throws -> T {
        lock.lock(); defer { lock.unlock() }
        if transactionDepth > 0 {
            transactionDepth += 1
            defer { transactionDepth -= 1 }
            return try body(self)
        }
        try execute("BEGIN IMMEDIATE")
        transactionDepth = 1
        defer { transactionDepth = 0 }
        do {
            let result = try body(self)
            try execute("COMMIT")
            return result
        } catch {
            try? execute("ROLLBACK")
            throw error
        }
    }

    /// Gives exclusive use of the raw connection for the duration of `body`.
    public func withConnection<T>(_ body: (OpaquePointer) throws -> T) throws -> T {
        lock.lock(); defer { lock.unlock() }
        guard let connection else { throw SQLiteError(code: SQLITE_MISUSE, message: "database is closed (\(path))") }
        return try body(connection)
    }
}
