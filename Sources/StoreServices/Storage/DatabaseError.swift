/// A failure reported by a database, in the terms the services act on.
public protocol DatabaseError: Error, CustomStringConvertible {
    /// A unique, primary-key, foreign-key, NOT NULL or CHECK constraint refused the change.
    var isConstraintViolation: Bool { get }
    /// The database cannot be reached now (down, restarting, connection lost):
    /// the request may succeed later, so it is answered 503, not 500.
    var isUnavailable: Bool { get }
}
