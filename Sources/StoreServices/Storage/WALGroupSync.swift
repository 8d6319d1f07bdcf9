import Foundation
import CSQLite

/// Group commit for a SQLite database in WAL mode. SQLite runs with
/// `synchronous = NORMAL`, so a COMMIT writes its frames to the WAL file
/// without waiting for the disk; each committer then waits here until an
/// fdatasync of the WAL that began after its COMMIT returned is done. A commit
/// is on disk before its caller goes on, as with `synchronous = FULL`, but one
/// sync covers every commit made while the one before it ran, so commits of
/// many threads no longer queue for a disk flush each. (SQLite itself still
/// syncs the WAL before a checkpoint copies it into the database, and the
/// database before the WAL is reused.)
final class WALGroupSync: @unchecked Sendable {
    private let walPath: String
    private let condition = NSCondition()
    /// Commits counted so far; a commit's ticket is the count after it.
    private var committed: UInt64 = 0
    /// Every commit with a ticket up to this one is on disk.
    private var durable: UInt64 = 0
    private var syncing = false

    init(databasePath: String) {
        walPath = databasePath + "-wal"
    }

    /// Commits counted, and of them those known to be on disk (for tests).
    var counts: (committed: UInt64, durable: UInt64) {
        condition.lock(); defer { condition.unlock() }
        return (committed, durable)
    }

    /// Call right after a COMMIT returns (a commit made, not yet known to be on disk).
    func ticket() -> UInt64 {
        condition.lock(); defer { condition.unlock() }
        committed += 1
        return committed
    }

    /// Returns once the commit with `ticket` is on disk; call without the write lock,
    /// so other threads commit meanwhile. The first waiter syncs for all the others.
    func waitUntilDurable(_ ticket: UInt64) throws {
        condition.lock(); defer { condition.unlock() }
        while durable < ticket {
            guard !syncing else {
                condition.wait()
                continue
            }
            syncing = true
            let covered = committed
            condition.unlock()
            let failure = syncWAL()
            condition.lock()
            syncing = false
            if failure == nil { durable = max(durable, covered) }
            condition.broadcast()
            if let failure { throw failure }
        }
    }

    /// fdatasync flushes the file, whichever descriptor names it; nil when it
    /// worked. Called by one thread at a time (`syncing`).
    private func syncWAL() -> SQLiteError? {
        guard let descriptor = walDescriptor() else {
            // No WAL file: nothing was written to it (or it was checkpointed and removed, synced by SQLite).
            if errno == ENOENT { return nil }
            return SQLiteError(code: SQLITE_IOERR, message: "cannot open \(walPath) to sync it: errno \(errno)")
        }
        guard fdatasync(descriptor) == 0 else {
            return SQLiteError(code: SQLITE_IOERR, message: "fdatasync of \(walPath) failed: errno \(errno)")
        }
        return nil
    }

    /// The WAL file, kept open between syncs; opened again if it was removed since.
    private var descriptor: Int32 = -1

    private func walDescriptor() -> Int32? {
        if descriptor >= 0 {
            var status = stat()
            if fstat(descriptor, &status) == 0, status.st_nlink > 0 { return descriptor }
            close(descriptor)
            descriptor = -1
        }
        let opened = open(walPath, O_RDONLY | O_CLOEXEC)
        guard opened >= 0 else { return nil }
        descriptor = opened
        return opened
    }

    deinit {
        if descriptor >= 0 { close(descriptor) }
    }
}
