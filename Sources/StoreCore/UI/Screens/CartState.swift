/// The cart as last answered by the server, plus edits on their way to it.
public struct CartState: Hashable, Sendable {
    /// The anonymous cart's id, or `StoreAPIPaths.myCart` once signed in.
    public var id: String?
    public var cart: Cart?
    public var selection = 0
    public var creating = false
    /// Adds waiting for the cart to be created: product id → (name, quantity to add).
    public var waitingAdds: [WaitingAdd] = []
    /// Sequence numbers: the last one issued per product line. An answer with an
    /// older number is dropped, so a late answer never overwrites a newer edit.
    public var nextSequence = 1
    public var latestSequence: [String: Int] = [:]
    /// Quantities asked for but not yet confirmed, shown meanwhile.
    public var pendingQuantity: [String: Int] = [:]
    /// Names of products just added, for the "Added … to cart" notice.
    public var addedNames: [String: String] = [:]

    public struct WaitingAdd: Hashable, Sendable {
        public var productID: String
        public var name: String
        public var quantity: Int
    }

    public var lines: [CartLine] { cart?.lines ?? [] }

    /// The quantity of a product as the user last set it.
    public func quantity(of productID: String) -> Int {
        pendingQuantity[productID] ?? lines.first { $0.productId == productID }?.quantity ?? 0
    }

    public var itemCount: Int {
        guard let cart else { return 0 }
        var count = cart.itemCount
        for (productID, quantity) in pendingQuantity {
            count += quantity - (cart.lines.first { $0.productId == productID }?.quantity ?? 0)
        }
        return max(0, count)
    }

    /// Checkout was asked for while an edit was on its way; it starts when the cart settles.
    public var checkoutWhenSettled = false
    /// Lines whose quantity changed while another edit of the cart was on its
    /// way, in order; each is sent (with its latest `pendingQuantity`) once the
    /// edit before it is answered. One edit at a time: two sent at once may be
    /// applied by the server in either order, and each answer is the whole
    /// cart as of its own edit, so the screen could end on a stale cart.
    public var queuedEdits: [String] = []

    public var hasPendingEdits: Bool { !pendingQuantity.isEmpty || creating || !waitingAdds.isEmpty }
}
