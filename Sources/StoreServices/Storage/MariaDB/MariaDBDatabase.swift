import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// One schema (database) on a MariaDB or MySQL server, used through a pool of
/// connections shared by the threads of a service. A statement takes a free
/// connection for its duration; a transaction keeps one for the whole body,
/// and statements the same thread runs meanwhile — through the body's
/// argument or through this object — go to that connection.
///
/// A connection that is lost (server restarted, network gone) is thrown away
/// with every idle one, and the error is thrown to the caller
/// (`isUnavailable`); the next statement connects anew, so the service
/// recovers by itself when the server is back.
public final class MariaDBDatabase: SQLDatabase, @unchecked Sendable {
    public struct Timeouts: Sendable {
        public var connectSeconds = 5
        public var readWriteSeconds = 30
        public var lockWaitSeconds = 10
        /// How long a statement waits for a free connection of the pool.
        public var poolWaitSeconds: TimeInterval = 10
        public init() {}
    }

    public let endpoint: MariaDBEndpoint
    public let schema: String
    public var dialect: SQLDialect { .mariadb }
    private let timeouts: Timeouts
    private let maximumConnections: Int
    /// Guards `idle`, `open` and `transactions`; signalled when a connection is handed back.
    private let condition = NSCondition()
    private var idle: [MariaDBConnection] = []
    private var open = 0
    /// The connection of the transaction each thread is in.
    private var transactions: [pthread_t: MariaDBConnection] = [:]
    /// Connections idle longer than this are pinged before use, so one left
    /// broken by a server restart is noticed before a statement is sent on it.
    private static let pingAfterIdleSeconds: TimeInterval = 2

    /// Connects to the server, creates `schema` unless it exists (UTF-8, with
    /// binary comparison as SQLite compares text) and selects it. Throws
    /// (`MariaDBError`) when the server cannot be reached or refuses the credentials.
    public init(endpoint: MariaDBEndpoint, schema: String, maximumConnections: Int = 8, timeouts: Timeouts = Timeouts()) throws {
        guard !schema.isEmpty, schema.count <= 64,
              schema.unicodeScalars.allSatisfy({ $0.isASCII && (CharacterSet.alphanumerics.contains($0) || $0 == "_") }) else {
            throw MariaDBError(code: 1102, message: "a schema name is 1 to 64 letters, digits and _: \(schema)")
        }
        self.endpoint = endpoint
        self.schema = schema
        self.maximumConnections = max(1, maximumConnections)
        self.timeouts = timeouts
        let first = try MariaDBConnection(to: endpoint, schema: nil, timeouts: timeouts)
        _ = try first.run("CREATE DATABASE IF NOT EXISTS `\(schema)` CHARACTER SET utf8mb4 COLLATE utf8mb4_bin", arguments: [])
        try first.select(schema: schema)
        idle = [first]
        open = 1
    }

    deinit { close() }

    /// Connects once and disconnects: throws what keeps the server from accepting us.
    public static func probe(_ endpoint: MariaDBEndpoint, timeouts: Timeouts = Timeouts()) throws {
        _ = try MariaDBConnection(to: endpoint, schema: nil, timeouts: timeouts)
    }

    /// Closes the idle connections; those in use close when handed back.
    public func close() {
        condition.lock()
        let closing = idle
        idle = []
        open -= closing.count
        condition.unlock()
        _ = closing
    }

    public func execute(_ script: String) throws {
        for statement in Self.statements(of: script) {
            try run(statement, arguments: [])
        }
    }

    @discardableResult
    public func run(_ sql: String, arguments: [SQLBindable?]) throws -> Int {
        try withConnection { try $0.run(sql, arguments: arguments).changed }
    }

    public func query(_ sql: String, arguments: [SQLBindable?]) throws -> [SQLRow] {
        try withConnection { try $0.run(sql, arguments: arguments).rows }
    }

    public func addMissingColumns(_ table: String, _ columns: KeyValuePairs<String, String>) throws {
        let existing = Set(try query("""
            SELECT COLUMN_NAME AS name FROM information_schema.COLUMNS
            WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = ?
            """, table).map { $0.string("name") })
        for (name, definition) in columns where !existing.contains(name) {
            try execute("ALTER TABLE \(table) ADD COLUMN \(name) \(definition)")
        }
    }

    /// Runs `body` in `START TRANSACTION … COMMIT` on one connection. A
    /// deadlock victim is rolled back and run again (up to three times in
    /// all), so `body` must do nothing outside the database it cannot repeat.
    public func transaction<T>(_ body: (SQLDatabase) throws -> T) throws -> T {
        if currentTransaction() != nil { return try body(self) }
        var attempt = 1
        while true {
            do {
                return try transactionOnce(body)
            } catch let error as MariaDBError where error.isDeadlock && attempt < 3 {
                attempt += 1
            }
        }
    }

    private func transactionOnce<T>(_ body: (SQLDatabase) throws -> T) throws -> T {
        let connection = try checkOut()
        var broken = false
        defer { checkIn(connection, broken: broken) }
        do {
            _ = try connection.run("START TRANSACTION", arguments: [])
            setTransaction(connection)
            defer { setTransaction(nil) }
            let result = try body(self)
            _ = try connection.run("COMMIT", arguments: [])
            return result
        } catch {
            if let failure = error as? MariaDBError, failure.isUnavailable {
                broken = true
            } else if (try? connection.run("ROLLBACK", arguments: [])) == nil {
                broken = true
            }
            throw error
        }
    }

    /// The connection of this thread's transaction, or one of the pool for the duration of `body`.
    private func withConnection<T>(_ body: (MariaDBConnection) throws -> T) throws -> T {
        if let connection = currentTransaction() { return try body(connection) }
        let connection = try checkOut()
        do {
            let result = try body(connection)
            checkIn(connection, broken: false)
            return result
        } catch {
            checkIn(connection, broken: (error as? MariaDBError)?.isUnavailable ?? false)
            throw error
        }
    }

    private func currentTransaction() -> MariaDBConnection? {
        condition.lock(); defer { condition.unlock() }
        return transactions[pthread_self()]
    }

    private func setTransaction(_ connection: MariaDBConnection?) {
        condition.lock(); defer { condition.unlock() }
        transactions[pthread_self()] = connection
    }

    /// An idle connection that still answers, a new one while fewer than the
    /// maximum are open, or — after waiting for one to come back — an error.
    private func checkOut() throws -> MariaDBConnection {
        let deadline = Date().addingTimeInterval(timeouts.poolWaitSeconds)
        condition.lock()
        while true {
            if let connection = idle.popLast() {
                condition.unlock()
                if Date().timeIntervalSince(connection.idleSince) < Self.pingAfterIdleSeconds || connection.isAlive() {
                    return connection
                }
                condition.lock()
                open -= 1
                continue
            }
            if open < maximumConnections {
                open += 1
                condition.unlock()
                do {
                    let connection = try MariaDBConnection(to: endpoint, schema: schema, timeouts: timeouts)
                    return connection
                } catch {
                    condition.lock()
                    open -= 1
                    condition.signal()
                    condition.unlock()
                    throw error
                }
            }
            guard condition.wait(until: deadline) else {
                condition.unlock()
                throw MariaDBError(code: MariaDBError.poolExhausted,
                                   message: "all \(maximumConnections) connections to \(endpoint) stayed busy")
            }
        }
    }

    /// Hands a connection back. A broken one is closed, and so is every idle
    /// one: they were most likely cut by the same restart.
    private func checkIn(_ connection: MariaDBConnection, broken: Bool) {
        condition.lock()
        var closing: [MariaDBConnection] = []
        if broken {
            closing = idle + [connection]
            idle = []
            open -= closing.count
        } else {
            connection.idleSince = Date()
            idle.append(connection)
        }
        condition.signal()
        condition.unlock()
        _ = closing   // closed here, outside the lock, when the array goes
    }

    /// The statements of a script separated by `;`, skipping `;` inside quotes.
    static func statements(of script: String) -> [String] {
        var statements: [String] = []
        var current = ""
        var quote: Character?
        for character in script {
            if let open = quote {
                if character == open { quote = nil }
            } else if character == "'" || character == "\"" || character == "`" {
                quote = character
            } else if character == ";" {
                statements.append(current)
                current = ""
                continue
            }
            current.append(character)
        }
        statements.append(current)
        return statements.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.filter { !$0.isEmpty }
    }
}
