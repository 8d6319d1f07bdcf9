import Foundation

/// Where carts live: in memory by default (losing carts on a restart is
/// acceptable there) or in Redis (`RedisCartStore`). A store on the network
/// throws `StoreUnreachable` from any method while it cannot be reached.
public protocol CartStore: AnyObject, Sendable {
    /// Makes an empty cart for `owner` unless one exists; throws
    /// `CartStoreError.anonymousCartsFull` when no anonymous cart may be made now.
    func create(_ owner: CartOwner) throws
    /// The cart's items in the order they were added, or nil when there is no such cart.
    func items(of owner: CartOwner) throws -> [CartItem]?
    /// Replaces a cart's items with what `change` makes of them, atomically
    /// with respect to other updates of the same store (no update is lost when
    /// two change one cart at once). Returns the new items, or nil (calling
    /// nothing) when the cart does not exist and `createIfMissing` is false.
    /// An error thrown by `change` leaves the cart as it was. `change` may be
    /// called more than once (optimistic stores retry on a concurrent change),
    /// so it must only compute the new items from the ones it is given.
    func update(_ owner: CartOwner, createIfMissing: Bool,
                _ change: ([CartItem]) throws -> [CartItem]) throws -> [CartItem]?
    /// As `update` without creating the cart, but at most once per `key`: the
    /// store records the key atomically with the change and remembers it for
    /// `appliedKeyLifetime`, so the same change retried — by this instance or
    /// any other on the same store — changes nothing. Returns the cart's items
    /// (unchanged when the key was applied before), or nil when there is no cart.
    func update(_ owner: CartOwner, once key: String,
                _ change: ([CartItem]) throws -> [CartItem]) throws -> [CartItem]?
    /// Sets one line's quantity, as `update` would with `CartItem.settingLine`:
    /// a store may do it in one step on its side. Returns the new items, or nil
    /// when the cart does not exist and `createIfMissing` is false.
    func setLine(_ productID: String, quantity: Int, changedAt: Double, in owner: CartOwner,
                 createIfMissing: Bool) throws -> [CartItem]?
    /// Removes the cart (nothing happens when there is none).
    func delete(_ owner: CartOwner) throws
}

extension CartStore {
    public func setLine(_ productID: String, quantity: Int, changedAt: Double, in owner: CartOwner,
                        createIfMissing: Bool) throws -> [CartItem]? {
        try update(owner, createIfMissing: createIfMissing) {
            CartItem.settingLine(productID, quantity: quantity, changedAt: changedAt, in: $0)
        }
    }
}

extension CartItem {
    /// The rule for setting a line: a quantity of 0 removes it; a line already
    /// there keeps its place and takes the new quantity and time; a new line goes last.
    static func settingLine(_ productID: String, quantity: Int, changedAt: Double, in items: [CartItem]) -> [CartItem] {
        var items = items
        if let index = items.firstIndex(where: { $0.productId == productID }) {
            if quantity == 0 {
                items.remove(at: index)
            } else {
                items[index].quantity = quantity
                items[index].changedAt = changedAt
            }
        } else if quantity > 0 {
            items.append(CartItem(productId: productID, quantity: quantity, changedAt: changedAt))
        }
        return items
    }
}

/// How long a store remembers a keyed change: its retries come within
/// minutes (a lease, a backoff), far sooner than this.
let appliedKeyLifetime: TimeInterval = 24 * 3600

public enum CartStoreError: Error, Hashable, Sendable {
    /// The anonymous carts' budget is full of carts shoppers are using; try again after this many seconds.
    case anonymousCartsFull(retryAfter: Int)
    /// Other updates of the same cart kept winning the race; the change was not made.
    case contended
}
