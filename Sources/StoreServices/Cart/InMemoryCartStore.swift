import Foundation

/// Carts in a dictionary behind a lock.
public final class InMemoryCartStore: CartStore, @unchecked Sendable {
    private var carts: [CartOwner: [CartItem]] = [:]
    private let lock = NSLock()

    public init() {}

    public func create(_ owner: CartOwner) {
        lock.lock(); defer { lock.unlock() }
        if carts[owner] == nil { carts[owner] = [] }
    }

    public func items(of owner: CartOwner) -> [CartItem]? {
        lock.lock(); defer { lock.unlock() }
        return carts[owner]
    }

    public func update(_ owner: CartOwner, createIfMissing: Bool,
                       _ change: ([CartItem]) throws -> [CartItem]) throws -> [CartItem]? {
        lock.lock(); defer { lock.unlock() }
        guard let current = carts[owner] ?? (createIfMissing ? [] : nil) else { return nil }
        let changed = try change(current)
        carts[owner] = changed
        return changed
    }

    public func delete(_ owner: CartOwner) {
        lock.lock(); defer { lock.unlock() }
        carts[owner] = nil
    }
}
