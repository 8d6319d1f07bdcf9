/// A failure reported by a database, in the terms the services act on.
public protocol DatabaseError: Error, CustomStringConvertible {
    /// A unique, primary-key, foreign-key, NOT NULL or CHECK constraint refused the change.
    var isConstraintViolation: Bool { get }
    /// The database cannot be reached now (down, restarting, connection lost):
    /// the request may succeed later, so it is answered 503, not 500.
    var isUnavailable: Bool { get }
}

/// Runs `body` (a transaction) again when its INSERT met the row another
/// instance inserted at the same moment (a duplicate key): the second run
/// finds that row and answers from it. SQLite's transactions never meet
/// this; MariaDB's READ COMMITTED locks no row that does not exist yet.
func onceMore<T>(ifAnotherInsertedFirst body: @autoclosure () throws -> T) throws -> T {
    do {
        return try body()
    } catch let error as DatabaseError where error.isConstraintViolation {
        return try body()
    }
}
