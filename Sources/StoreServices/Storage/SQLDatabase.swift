import Foundation

/// A relational database a store keeps its tables in: SQLite (a file of the
/// data directory, the default) or MariaDB/MySQL (one schema per service).
/// Stores write portable SQL with `?` parameters and take the few statements
/// that differ from `dialect`.
public protocol SQLDatabase: AnyObject, Sendable {
    var dialect: SQLDialect { get }

    /// Runs one or more statements without parameters, separated by `;` (schema).
    func execute(_ script: String) throws

    /// Runs one statement with `?` parameters and returns the number of rows changed.
    @discardableResult
    func run(_ sql: String, arguments: [SQLBindable?]) throws -> Int

    /// Runs a query and returns every row.
    func query(_ sql: String, arguments: [SQLBindable?]) throws -> [SQLRow]

    /// Runs `body` in one transaction: committed when it returns, rolled back
    /// when it throws (the error is rethrown). A transaction inside a
    /// transaction on the same thread joins the outer one.
    func transaction<T>(_ body: (SQLDatabase) throws -> T) throws -> T

    /// Adds the columns a table lacks (`name` → `TYPE …`), so a database made
    /// by an earlier version gains what this one needs.
    func addMissingColumns(_ table: String, _ columns: KeyValuePairs<String, String>) throws
}

extension SQLDatabase {
    @discardableResult
    public func run(_ sql: String, _ arguments: SQLBindable?...) throws -> Int {
        try run(sql, arguments: arguments)
    }

    public func query(_ sql: String, _ arguments: SQLBindable?...) throws -> [SQLRow] {
        try query(sql, arguments: arguments)
    }

    /// The first row of a query, or nil.
    public func queryOne(_ sql: String, _ arguments: SQLBindable?...) throws -> SQLRow? {
        try query(sql, arguments: arguments).first
    }
}
