import Foundation

/// Carts in a dictionary behind a lock. So that abandoned anonymous carts
/// cannot fill the memory, the least recently used of them are dropped once
/// there are more than `anonymousLimit`.
public final class InMemoryCartStore: CartStore, @unchecked Sendable {
    private struct Entry {
        var items: [CartItem]
        var touched: UInt64
    }

    private var carts: [CartOwner: Entry] = [:]
    private var clock: UInt64 = 0
    private var anonymousCount = 0
    private let lock = NSLock()
    public let anonymousLimit: Int

    public init(anonymousLimit: Int = 100_000) {
        self.anonymousLimit = max(1, anonymousLimit)
    }

    public func create(_ owner: CartOwner) {
        lock.lock(); defer { lock.unlock() }
        guard carts[owner] == nil else { return }
        store([], for: owner)
    }

    public func items(of owner: CartOwner) -> [CartItem]? {
        lock.lock(); defer { lock.unlock() }
        return carts[owner]?.items
    }

    public func update(_ owner: CartOwner, createIfMissing: Bool,
                       _ change: ([CartItem]) throws -> [CartItem]) throws -> [CartItem]? {
        lock.lock(); defer { lock.unlock() }
        guard let current = carts[owner]?.items ?? (createIfMissing ? [] : nil) else { return nil }
        let changed = try change(current)
        store(changed, for: owner)
        return changed
    }

    public func delete(_ owner: CartOwner) {
        lock.lock(); defer { lock.unlock() }
        if carts.removeValue(forKey: owner) != nil, case .anonymous = owner { anonymousCount -= 1 }
    }

    /// Call with the lock held.
    private func store(_ items: [CartItem], for owner: CartOwner) {
        clock += 1
        let isNew = carts[owner] == nil
        carts[owner] = Entry(items: items, touched: clock)
        guard isNew, case .anonymous = owner else { return }
        anonymousCount += 1
        if anonymousCount > anonymousLimit { evictLeastRecentlyUsed() }
    }

    /// Drops the oldest tenth of the anonymous carts (at least one). Call with the lock held.
    private func evictLeastRecentlyUsed() {
        let anonymous = carts.filter { if case .anonymous = $0.key { return true } else { return false } }
        let victims = anonymous.sorted { $0.value.touched < $1.value.touched }.prefix(max(1, anonymousLimit / 10))
        for (owner, _) in victims { carts[owner] = nil }
        anonymousCount -= victims.count
    }
}
