/// Where carts live. The default keeps them in memory (losing a cart on a
/// crash is acceptable); another store, e.g. on Redis, can take its place.
public protocol CartStore: AnyObject, Sendable {
    /// Makes an empty cart for `owner` unless one exists; throws
    /// `CartStoreError.anonymousCartsFull` when no anonymous cart may be made now.
    func create(_ owner: CartOwner) throws
    /// The cart's items in the order they were added, or nil when there is no such cart.
    func items(of owner: CartOwner) -> [CartItem]?
    /// Replaces a cart's items with what `change` makes of them, atomically
    /// with respect to other updates of the same store. Returns the new items,
    /// or nil (calling nothing) when the cart does not exist and
    /// `createIfMissing` is false. An error thrown by `change` leaves the cart as it was.
    func update(_ owner: CartOwner, createIfMissing: Bool,
                _ change: ([CartItem]) throws -> [CartItem]) throws -> [CartItem]?
    /// Removes the cart (nothing happens when there is none).
    func delete(_ owner: CartOwner)
}

public enum CartStoreError: Error, Hashable, Sendable {
    /// The anonymous carts' budget is full of carts shoppers are using; try again after this many seconds.
    case anonymousCartsFull(retryAfter: Int)
}
