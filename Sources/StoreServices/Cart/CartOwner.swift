import StoreWire

/// Whose cart: an anonymous cart by its unguessable id, or a signed-in user's own cart.
public enum CartOwner: Hashable, Sendable {
    case anonymous(String)
    case user(String)

    /// The owner a cart id names for a signed-in user: `mine` is the user's own
    /// cart, anything else an anonymous cart.
    public init(cartID: String, userID: String) {
        self = cartID == StoreAPIPaths.myCart ? .user(userID) : .anonymous(cartID)
    }
}

/// One product in a cart and how many of it. Prices are not stored: they are
/// read from the catalogue whenever the cart is shown.
public struct CartItem: Hashable, Sendable {
    public var productId: String
    public var quantity: Int
    public init(productId: String, quantity: Int) {
        self.productId = productId
        self.quantity = quantity
    }
}
