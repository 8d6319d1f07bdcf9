import Foundation

/// Carts in a dictionary behind a lock. Signed-in shoppers' carts are never
/// counted against a limit or evicted. Anonymous carts have a budget of their
/// own, `anonymousLimit`: when it is full, a new anonymous cart makes room only
/// among the anonymous ones — first the empty carts, least recently used
/// first, then carts with items untouched for `protectedIdle` — and when none
/// may go, the new cart is refused (`CartStoreError.anonymousCartsFull`). So
/// a flood of cart creations evicts only other empty carts, never a cart a
/// shopper is filling. With `anonymousTTL` set, an anonymous cart unchanged
/// that long is gone, as in Redis.
public final class InMemoryCartStore: CartStore, @unchecked Sendable {
    public static let defaultAnonymousLimit = 100_000
    /// How long an anonymous cart with items is safe from eviction after its last change.
    public static let defaultProtectedIdle: TimeInterval = 3600

    private struct Entry {
        var items: [CartItem]
        /// Order of last use, for least-recently-used eviction.
        var sequence: UInt64
        /// When it was last changed, on `clock`.
        var touchedAt: TimeInterval
    }

    private var carts: [CartOwner: Entry] = [:]
    private var sequence: UInt64 = 0
    private var anonymousCount = 0
    /// Keys of applied keyed changes, with when each was applied, oldest first.
    private var appliedKeys: [String: TimeInterval] = [:]
    private var appliedKeysInOrder: [(key: String, at: TimeInterval)] = []
    private let lock = NSLock()
    private let clock: @Sendable () -> TimeInterval
    public let anonymousLimit: Int
    public let protectedIdle: TimeInterval
    /// How long an anonymous cart lives after its last change; nil: until evicted.
    public let anonymousTTL: TimeInterval?

    public init(anonymousLimit: Int = InMemoryCartStore.defaultAnonymousLimit,
                protectedIdle: TimeInterval = InMemoryCartStore.defaultProtectedIdle,
                anonymousTTL: TimeInterval? = nil,
                clock: @escaping @Sendable () -> TimeInterval = { ProcessInfo.processInfo.systemUptime }) {
        self.anonymousLimit = max(1, anonymousLimit)
        self.protectedIdle = protectedIdle
        self.anonymousTTL = anonymousTTL
        self.clock = clock
    }

    public func create(_ owner: CartOwner) throws {
        lock.lock(); defer { lock.unlock() }
        dropIfExpired(owner)
        guard carts[owner] == nil else { return }
        if case .anonymous = owner, anonymousCount >= anonymousLimit { try makeRoomForAnonymousCart() }
        store([], for: owner)
    }

    public func items(of owner: CartOwner) -> [CartItem]? {
        lock.lock(); defer { lock.unlock() }
        dropIfExpired(owner)
        return carts[owner]?.items
    }

    public func update(_ owner: CartOwner, createIfMissing: Bool,
                       _ change: ([CartItem]) throws -> [CartItem]) throws -> [CartItem]? {
        lock.lock(); defer { lock.unlock() }
        dropIfExpired(owner)
        guard let current = carts[owner]?.items ?? (createIfMissing ? [] : nil) else { return nil }
        if carts[owner] == nil, case .anonymous = owner, anonymousCount >= anonymousLimit { try makeRoomForAnonymousCart() }
        let changed = try change(current)
        store(changed, for: owner)
        return changed
    }

    public func update(_ owner: CartOwner, once key: String,
                       _ change: ([CartItem]) throws -> [CartItem]) throws -> [CartItem]? {
        lock.lock(); defer { lock.unlock() }
        dropIfExpired(owner)
        forgetAppliedKeys(before: clock() - appliedKeyLifetime)
        guard let current = carts[owner]?.items else { return nil }
        if appliedKeys[key] != nil { return current }
        let changed = try change(current)
        store(changed, for: owner)
        let now = clock()
        appliedKeys[key] = now
        appliedKeysInOrder.append((key, now))
        return changed
    }

    private func forgetAppliedKeys(before cutoff: TimeInterval) {
        let expired = appliedKeysInOrder.prefix { $0.at < cutoff }.count
        guard expired > 0 else { return }
        for entry in appliedKeysInOrder.prefix(expired) { appliedKeys[entry.key] = nil }
        appliedKeysInOrder.removeFirst(expired)
    }

    public func delete(_ owner: CartOwner) {
        lock.lock(); defer { lock.unlock() }
        if carts.removeValue(forKey: owner) != nil, case .anonymous = owner { anonymousCount -= 1 }
    }

    /// Removes an anonymous cart unchanged for `anonymousTTL`. Call with the lock held.
    private func dropIfExpired(_ owner: CartOwner) {
        guard let anonymousTTL, case .anonymous = owner, let entry = carts[owner],
              clock() - entry.touchedAt >= anonymousTTL else { return }
        carts[owner] = nil
        anonymousCount -= 1
    }

    /// Call with the lock held.
    private func store(_ items: [CartItem], for owner: CartOwner) {
        sequence += 1
        if carts[owner] == nil, case .anonymous = owner { anonymousCount += 1 }
        carts[owner] = Entry(items: items, sequence: sequence, touchedAt: clock())
    }

    /// Drops a tenth of the budget (at least one cart) among the anonymous
    /// carts that may go, or throws when none may. Call with the lock held.
    private func makeRoomForAnonymousCart() throws {
        let now = clock()
        let anonymous = carts.filter { if case .anonymous = $0.key { return true } else { return false } }
        let batch = max(1, anonymousLimit / 10)
        var victims = anonymous.filter { $0.value.items.isEmpty }.sorted { $0.value.sequence < $1.value.sequence }
            .prefix(batch).map(\.key)
        if victims.isEmpty {
            victims = anonymous.filter { now - $0.value.touchedAt >= protectedIdle }
                .sorted { $0.value.sequence < $1.value.sequence }.prefix(batch).map(\.key)
        }
        guard !victims.isEmpty else {
            let oldest = anonymous.values.map(\.touchedAt).min() ?? now
            let wait = max(1, Int((protectedIdle - (now - oldest)).rounded(.up)))
            throw CartStoreError.anonymousCartsFull(retryAfter: wait)
        }
        for owner in victims { carts[owner] = nil }
        anonymousCount -= victims.count
    }
}
