import Foundation
import CMariaDB

/// One connection to a MariaDB server, used by one thread at a time (the
/// pool of `MariaDBDatabase` sees to that). Every statement is a prepared
/// statement with its values bound, never spliced into the text.
final class MariaDBConnection {
    private let handle: UnsafeMutablePointer<MYSQL>
    /// When the connection was last handed back to the pool.
    var idleSince = Date()

    /// Connects; `schema` is selected when given.
    init(to endpoint: MariaDBEndpoint, schema: String?, timeouts: MariaDBDatabase.Timeouts) throws {
        guard let handle = mysql_init(nil) else {
            throw MariaDBError(code: 2008, message: "out of memory for a MariaDB connection")
        }
        self.handle = handle   // closed by deinit, also when connecting fails
        var connect = UInt32(timeouts.connectSeconds)
        var io = UInt32(timeouts.readWriteSeconds)
        mysql_options(handle, MYSQL_OPT_CONNECT_TIMEOUT, &connect)
        mysql_options(handle, MYSQL_OPT_READ_TIMEOUT, &io)
        mysql_options(handle, MYSQL_OPT_WRITE_TIMEOUT, &io)
        mysql_options(handle, MYSQL_SET_CHARSET_NAME, "utf8mb4")
        // READ COMMITTED: every statement sees what is committed when it runs,
        // and rows a transaction claims are locked with SELECT … FOR UPDATE
        // (`SQLDialect.forUpdate`). Under REPEATABLE READ a plain read inside
        // a transaction would see the snapshot of its first read, and InnoDB
        // would add gap locks that make concurrent inserts deadlock.
        mysql_options(handle, MYSQL_INIT_COMMAND, "SET SESSION TRANSACTION ISOLATION LEVEL READ COMMITTED")
        // A lock wait ends well before the read timeout, so it is reported as
        // an error of its own instead of a lost connection.
        mysql_options(handle, MYSQL_INIT_COMMAND, "SET SESSION innodb_lock_wait_timeout = \(timeouts.lockWaitSeconds)")
        // CLIENT_FOUND_ROWS: an UPDATE reports the rows it matched, as SQLite
        // does, not only those whose values changed.
        let foundRows = UInt(CLIENT_FOUND_ROWS)
        guard mysql_real_connect(handle, endpoint.host, endpoint.user, endpoint.password, schema,
                                 UInt32(clamping: endpoint.port), nil, foundRows) != nil else {
            let error = Self.error(of: handle, sql: nil)
            throw MariaDBError(code: error.code, sqlState: error.sqlState,
                               message: "\(error.message) (\(endpoint))")
        }
    }

    deinit { mysql_close(handle) }

    /// Makes `schema` the default for later statements.
    func select(schema: String) throws {
        guard mysql_select_db(handle, schema) == 0 else { throw Self.error(of: handle, sql: nil) }
    }

    /// True when the server still answers on this connection.
    func isAlive() -> Bool { mysql_ping(handle) == 0 }

    /// Runs one statement with `?` parameters: the rows it returns (none for
    /// statements without a result) and the number of rows it changed or matched.
    func run(_ sql: String, arguments: [SQLBindable?]) throws -> (changed: Int, rows: [SQLRow]) {
        guard let statement = mysql_stmt_init(handle) else { throw Self.error(of: handle, sql: sql) }
        defer { mysql_stmt_close(statement) }
        let length = UInt(sql.utf8.count)
        guard mysql_stmt_prepare(statement, sql, length) == 0 else { throw Self.error(of: statement, sql: sql) }
        let expected = Int(mysql_stmt_param_count(statement))
        guard expected == arguments.count else {
            throw MariaDBError(code: 2034, message: "the statement has \(expected) parameters, \(arguments.count) given", sql: sql)
        }
        let parameters = MariaDBParameters(arguments.map { $0?.sqlValue ?? .null })
        defer { parameters.deallocate() }
        if expected > 0, mysql_stmt_bind_param(statement, parameters.binds) != 0 {
            throw Self.error(of: statement, sql: sql)
        }
        guard mysql_stmt_execute(statement) == 0 else { throw Self.error(of: statement, sql: sql) }
        guard let metadata = mysql_stmt_result_metadata(statement) else {
            if mysql_stmt_errno(statement) != 0 { throw Self.error(of: statement, sql: sql) }
            return (Int(clamping: mysql_stmt_affected_rows(statement)), [])
        }
        defer { mysql_free_result(metadata) }
        let result = MariaDBResult(metadata: metadata)
        defer { result.deallocate() }
        guard mysql_stmt_store_result(statement) == 0, mysql_stmt_bind_result(statement, result.binds) == 0 else {
            throw Self.error(of: statement, sql: sql)
        }
        var rows: [SQLRow] = []
        while true {
            let status = mysql_stmt_fetch(statement)
            if status == MYSQL_NO_DATA { break }
            // MYSQL_DATA_TRUNCATED only means a text was longer than its first buffer: `row` fetches the rest.
            guard status == 0 || status == MYSQL_DATA_TRUNCATED else { throw Self.error(of: statement, sql: sql) }
            rows.append(try result.row(of: statement, sql: sql))
        }
        return (rows.count, rows)
    }

    private static func error(of handle: UnsafeMutablePointer<MYSQL>, sql: String?) -> MariaDBError {
        MariaDBError(code: mysql_errno(handle), sqlState: String(cString: mysql_sqlstate(handle)),
                     message: String(cString: mysql_error(handle)), sql: sql)
    }

    static func error(of statement: UnsafeMutablePointer<MYSQL_STMT>, sql: String?) -> MariaDBError {
        MariaDBError(code: mysql_stmt_errno(statement), sqlState: String(cString: mysql_stmt_sqlstate(statement)),
                     message: String(cString: mysql_stmt_error(statement)), sql: sql)
    }
}
