import Foundation
import StoreHTTP

/// Commits whose durability is needed only once a whole unit of work is done.
/// Inside `deferring`, a commit to a SQLite database on this thread returns as
/// soon as SQLite has written it to the WAL, without waiting for the disk; the
/// scope then waits, once per database, until everything it committed is on
/// disk, before it returns. A SIGKILL loses nothing either way (the commit is
/// in the system's cache); a power cut in the middle of the scope may lose
/// some of its commits, so the scope is for work that is redone when it did
/// not finish: the outbox dispatcher's consumers, whose event is marked
/// delivered only after the scope returns, so an effect lost that way is
/// delivered again. Many commits to one database (the email and cart claims
/// of `ProcessedEvents`) then cost one disk flush instead of one each.
/// MariaDB commits are durable by themselves and are not affected.
enum DeferredDurability {
    /// The commits of the scope open on this thread, per database.
    final class Pending {
        fileprivate var tickets: [ObjectIdentifier: (sync: WALGroupSync, ticket: UInt64)] = [:]
    }

    private static let binding = ThreadBound<Pending>()

    /// Runs `body` with commits deferred, then waits until they are on disk.
    /// A scope inside a scope joins the outer one.
    static func deferring<T>(_ body: () throws -> T) throws -> T {
        if binding.value != nil { return try body() }
        let pending = Pending()
        let result = try binding.withValue(pending, body)
        for (sync, ticket) in pending.tickets.values { try sync.waitUntilDurable(ticket) }
        return result
    }

    /// Runs `body` with commits that never wait for the disk: for writes that
    /// may be lost in a power cut (a claim or a lease), whose WAL frames the
    /// next commit that waits syncs along with its own.
    static func withoutWaiting<T>(_ body: () throws -> T) rethrows -> T {
        try binding.withValue(Pending(), body)
    }

    /// Leaves the commit with `ticket` to the scope open on this thread, if
    /// any: true when there is one (the caller does not wait), false otherwise.
    static func postpone(_ ticket: UInt64, of sync: WALGroupSync) -> Bool {
        guard let pending = binding.value else { return false }
        let key = ObjectIdentifier(sync)
        if let earlier = pending.tickets[key], earlier.ticket >= ticket { return true }
        pending.tickets[key] = (sync, ticket)
        return true
    }
}
