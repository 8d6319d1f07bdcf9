import Foundation
import CSQLite

/// One SQLite database file in WAL mode with a busy timeout, shared by the
/// threads of a service: one connection writes, behind a recursive lock, so a
/// transaction's statements never interleave with another thread's and code
/// inside `transaction` may call `run`/`query` freely. A query that finds the
/// writing connection busy with another thread runs on one of a few read-only
/// connections instead (WAL lets them read while another writes), seeing
/// what was last committed. Statements are prepared once per connection.
/// A write returns once it is on disk, its disk flush shared with the
/// commits of other threads (`WALGroupSync`), unless a `DeferredDurability`
/// scope on its thread waits for it later.
public final class SQLiteDatabase: SQLDatabase, @unchecked Sendable {
    private var writer: SQLiteConnection?
    private let lock = NSRecursiveLock()
    private var transactionDepth = 0
    private let readers: SQLiteReaders
    let groupSync: WALGroupSync
    public let path: String
    public var dialect: SQLDialect { .sqlite }

    /// Opens (creating if needed) the database at `path`, readable by its owner
    /// only: SQLite gives the WAL and SHM files the database file's mode.
    public init(path: String, busyTimeoutMilliseconds: Int32 = 5000) throws {
        self.path = path
        try PrivateFiles.prepareFile(path)
        for companion in ["-wal", "-shm", "-journal"] { PrivateFiles.restrict(path + companion) }
        // NOMUTEX: every use of this connection and of its statements is behind `lock` already, and
        // SQLite's own mutex around each call (a lock and an unlock for every column read) was
        // about a twentieth of a catalogue page's time.
        writer = try SQLiteConnection(path: path, flags: SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX,
                                      busyTimeoutMilliseconds: busyTimeoutMilliseconds)
        readers = SQLiteReaders(path: path, busyTimeoutMilliseconds: busyTimeoutMilliseconds)
        groupSync = WALGroupSync(databasePath: path)
        // NORMAL: a commit does not sync the WAL itself; `groupSync` does, for many commits at once.
        try execute("PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON;")
        // Queries run here whenever no transaction holds it, so this connection maps the file as
        // the readers do: through its 2 MB cache a search of a large catalogue read page after page
        // with a system call each.
        try execute("PRAGMA mmap_size = \(SQLiteReaders.mappedBytes)")
    }

    public convenience init(url: URL) throws { try self.init(path: url.path) }

    deinit { close() }

    /// Closes the connection; later calls fail.
    public func close() {
        lock.lock(); defer { lock.unlock() }
        writer?.close()
        writer = nil
        readers.close()
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
        let (changed, ticket) = try withWriter { writer -> (Int, UInt64?) in
            let changed = try writer.run(sql, arguments: arguments)
            // Outside a transaction the statement committed by itself.
            return (changed, transactionDepth == 0 ? groupSync.ticket() : nil)
        }
        try waitUntilDurable(ticket)
        return changed
    }

    public func query(_ sql: String, arguments: [SQLBindable?]) throws -> [SQLRow] {
        var rows: [SQLRow] = []
        try forEachRow(sql, arguments: arguments) { rows.append($0.row()) }
        return rows
    }

    /// Steps through a query's rows, handing `body` the statement standing on each, for a caller
    /// that reads many rows and needs a few columns of each as they are (no `SQLRow` made of them).
    public func forEachRow(_ sql: String, arguments: [SQLBindable?], _ body: (SQLiteStatement) throws -> Void) throws {
        // Free, or held by this thread (inside its transaction, whose writes
        // only this connection sees): read here.
        if lock.try() {
            defer { lock.unlock() }
            return try writerRows(sql, arguments, body)
        }
        if !readers.isClosed, try readers.forEachRow(sql, arguments: arguments, body) { return }
        try withWriter { _ in try writerRows(sql, arguments, body) }
    }

    /// A long read (one pass through a large index) on a read-only connection, where it holds up
    /// no writer; on the writing connection only when the readers are closed.
    public func readOnlyQuery(_ sql: String, arguments: [SQLBindable?]) throws -> [SQLRow] {
        var rows: [SQLRow] = []
        if !readers.isClosed, try readers.forEachRow(sql, arguments: arguments, { rows.append($0.row()) }) { return rows }
        return try query(sql, arguments: arguments)
    }

    /// Call with the lock held.
    private func writerRows(_ sql: String, _ arguments: [SQLBindable?], _ body: (SQLiteStatement) throws -> Void) throws {
        guard let writer else { throw closedError }
        _ = try writer.forEachRow(sql, arguments: arguments, body)
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
    /// The outermost transaction returns once its commit is on disk.
    public func transaction<T>(_ body: (SQLDatabase) throws -> T) throws -> T {
        let (result, ticket) = try committing(body)
        try waitUntilDurable(ticket)
        return result
    }

    /// Waits until a commit is on disk, or leaves that to the `DeferredDurability` scope open on this thread.
    private func waitUntilDurable(_ ticket: UInt64?) throws {
        guard let ticket, !DeferredDurability.postpone(ticket, of: groupSync) else { return }
        try groupSync.waitUntilDurable(ticket)
    }

    /// The transaction under the lock; the ticket of its commit when it is the outermost.
    private func committing<T>(_ body: (SQLDatabase) throws -> T) throws -> (T, UInt64?) {
        lock.lock(); defer { lock.unlock() }
        if transactionDepth > 0 {
            transactionDepth += 1
            defer { transactionDepth -= 1 }
            return (try body(self), nil)
        }
        try execute("BEGIN IMMEDIATE")
        transactionDepth = 1
        defer { transactionDepth = 0 }
        do {
            let result = try body(self)
            try execute("COMMIT")
            return (result, groupSync.ticket())
        } catch {
            try? execute("ROLLBACK")
            throw error
        }
    }

    /// Gives exclusive use of the raw connection for the duration of `body`.
    public func withConnection<T>(_ body: (OpaquePointer) throws -> T) throws -> T {
        try withWriter { try body($0.handle) }
    }

    private func withWriter<T>(_ body: (SQLiteConnection) throws -> T) throws -> T {
        lock.lock(); defer { lock.unlock() }
        guard let writer else { throw closedError }
        return try body(writer)
    }

    private var closedError: SQLiteError { SQLiteError(code: SQLITE_MISUSE, message: "database is closed (\(path))") }
}
