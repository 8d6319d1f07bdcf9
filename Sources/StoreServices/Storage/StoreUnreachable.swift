/// A network store (Redis, a database server) that did not answer: refused,
/// timed out, broken mid-command, or refusing our credentials. At start-up it stops `betterstore` with
/// exit status 2 naming the store and its address; while serving, the router
/// answers 503 `store_unavailable`, and the next request tries the store
/// again, so the services recover by themselves when it is back.
public struct StoreUnreachable: Error, Hashable, Sendable, CustomStringConvertible {
    /// What the store is for, e.g. "cart store".
    public var store: String
    /// Where it was looked for, e.g. "redis://127.0.0.1:6379/0".
    public var address: String
    /// Why it did not answer, e.g. "Connection refused".
    public var reason: String
    /// It answered, but refused the user name or password it was given.
    public var refusedCredentials: Bool

    public init(store: String, address: String, reason: String, refusedCredentials: Bool = false) {
        self.store = store
        self.address = address
        self.reason = reason
        self.refusedCredentials = refusedCredentials
    }

    public var description: String {
        "the \(store) at \(address) \(refusedCredentials ? "refused the credentials" : "cannot be reached"): \(reason)"
    }
}
