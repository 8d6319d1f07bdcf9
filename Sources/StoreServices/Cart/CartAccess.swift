import StoreWire

/// The cart service as the order service uses it in-process.
public protocol CartAccess: AnyObject, Sendable {
    /// The cart's items, or nil when there is no such cart. A user's cart
    /// always exists (it may be empty). Throws `StoreUnreachable` while the
    /// cart store cannot be reached, as do the methods below.
    func items(of owner: CartOwner) throws -> [CartItem]?
    /// The cart priced from the catalogue, or nil when there is no such cart.
    func pricedCart(of owner: CartOwner) throws -> Cart?
    /// Empties the cart.
    func empty(_ owner: CartOwner) throws
    /// Takes the ordered quantities out of the cart once the order is paid,
    /// keeping what the shopper added since; lines that reach 0 go.
    func removeOrdered(_ items: [CartItem], from owner: CartOwner) throws
}
