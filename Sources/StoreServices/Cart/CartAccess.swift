import StoreWire

/// The cart service as the order service uses it: `CartService` in this
/// process, `RemoteCarts` when the cart service runs in another.
public protocol CartAccess: AnyObject, Sendable {
    /// The cart's items, or nil when there is no such cart. A user's cart
    /// always exists (it may be empty). Throws `StoreUnreachable` while the
    /// cart store cannot be reached, or `HTTPError` 503 `peer_unavailable`
    /// while the cart service cannot, as does the method below.
    func items(of owner: CartOwner) throws -> [CartItem]?
    /// Takes the ordered quantities out of the cart once the order is paid;
    /// lines that reach 0 go. A line the shopper set after `cartReadAt` (when
    /// the order read the cart, seconds since 1970) stays as it is: it was put
    /// back after checking out, perhaps before this removal arrived. `key`
    /// names the removal (the OrderPurchased event): the same removal arriving
    /// twice takes the quantities once.
    func removeOrdered(_ items: [CartItem], from owner: CartOwner, cartReadAt: Double?, once key: String) throws
}
