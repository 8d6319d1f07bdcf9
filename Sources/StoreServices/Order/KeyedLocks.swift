import Foundation

/// One lock per key, so requests with the same idempotency key run one at a
/// time while requests with different keys run side by side.
final class KeyedLocks: @unchecked Sendable {
    private final class Entry { let lock = NSLock(); var users = 0 }
    private let guardLock = NSLock()
    private var entries: [String: Entry] = [:]

    func withLock<T>(_ key: String, _ body: () throws -> T) rethrows -> T {
        guardLock.lock()
        let entry = entries[key] ?? Entry()
        entries[key] = entry
        entry.users += 1
        guardLock.unlock()
        entry.lock.lock()
        defer {
            entry.lock.unlock()
            guardLock.lock()
            entry.users -= 1
            if entry.users == 0 { entries[key] = nil }
            guardLock.unlock()
        }
        return try body()
    }
}
