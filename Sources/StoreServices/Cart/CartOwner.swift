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

    /// A signed-in user's cart always exists (it may be empty), so changing it makes it when needed.
    var isUser: Bool {
        if case .user = self { return true }
        return false
    }
}

/// One product in a cart and how many of it. Prices are not stored: they are
/// read from the catalogue whenever the cart is shown.
public struct CartItem: Hashable, Sendable {
    public var productId: String
    public var quantity: Int
    /// When the shopper last set this line, in seconds since 1970 (wall clock,
    /// comparable with an order's creation time); nil for a line stored
    /// before lines carried it. A removal for an order made before this
    /// leaves the line alone: the shopper put it back after checking out.
    public var changedAt: Double?
    public init(productId: String, quantity: Int, changedAt: Double? = nil) {
        self.productId = productId
        self.quantity = quantity
        self.changedAt = changedAt
    }

    /// Whether the shopper set this line after `moment` (seconds since 1970).
    func changed(after moment: Double) -> Bool {
        guard let changedAt else { return false }
        return changedAt > moment
    }
}
