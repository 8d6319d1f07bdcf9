import Foundation
import StoreWire

/// The cart service: the rules for changing carts, used over HTTP (see
/// `CartService+Routes`) and in-process by the order service (`CartAccess`).
public final class CartService: CartAccess, @unchecked Sendable {
    public let store: CartStore
    public let catalog: ProductCatalog
    let verifier: BearerTokenVerifier
    /// Stamps the lines a shopper sets (`CartItem.changedAt`): the wall
    /// clock, as orders record when they read a cart.
    public var clock: @Sendable () -> Date = { Date() }

    public init(store: CartStore = InMemoryCartStore(), catalog: ProductCatalog, verifier: BearerTokenVerifier) {
        self.store = store
        self.catalog = catalog
        self.verifier = verifier
    }

    /// The id a cart has in answers: its own id, or `mine` for a user's cart.
    static func publicID(_ owner: CartOwner) -> String {
        switch owner {
        case .anonymous(let id): return id
        case .user: return StoreAPIPaths.myCart
        }
    }

    /// Creates a new, empty anonymous cart; 503 with `Retry-After` when the
    /// anonymous carts' budget is full of carts in use.
    public func createAnonymousCart() throws -> Cart {
        let id = CartID.make()
        do {
            try store.create(.anonymous(id))
        } catch CartStoreError.anonymousCartsFull(let seconds) {
            var busy = HTTPError.busy
            busy.error.message = "The store holds as many carts as it can just now. Try again in \(seconds) seconds."
            busy.headers["Retry-After"] = String(seconds)
            throw busy
        }
        return try CartPricer.price([], id: id, catalog: catalog)
    }

    // MARK: CartAccess (and the cart's own routes)

    public func items(of owner: CartOwner) throws -> [CartItem]? {
        if case .user = owner { return try store.items(of: owner) ?? [] }
        return try store.items(of: owner)
    }

    public func pricedCart(of owner: CartOwner) throws -> Cart? {
        guard let items = try items(of: owner) else { return nil }
        return try CartPricer.price(items, id: Self.publicID(owner), catalog: catalog)
    }

    /// The cart store records `key` with the change, so a removal retried by
    /// any instance of the cart service takes the quantities once.
    public func removeOrdered(_ ordered: [CartItem], from owner: CartOwner, cartReadAt: Double?, once key: String) throws {
        let taken = Dictionary(ordered.map { ($0.productId, $0.quantity) }, uniquingKeysWith: +)
        _ = try busyWhenContended {
            try store.update(owner, once: key) { items in
                items.compactMap { item in
                    if let cartReadAt, item.changed(after: cartReadAt) { return item }
                    var left = item
                    left.quantity = item.quantity - min(item.quantity, taken[item.productId] ?? 0)
                    return left.quantity > 0 ? left : nil
                }
            }
        }
    }

    // MARK: Changes

    /// Sets a line's quantity absolutely; 0 removes the line.
    func setQuantity(_ quantity: Int, of productID: String, in owner: CartOwner) throws -> Cart {
        guard (0...Cart.maxQuantity).contains(quantity) else {
            throw HTTPError.unprocessable("Quantity must be a whole number from 0 to \(Cart.maxQuantity).", param: "quantity")
        }
        // The product is read first, and the cart only when the change is
        // refused, so a change that goes through is one step of the store.
        // A missing cart is still named before a missing product.
        guard let product = try catalog.product(id: productID) else {
            try requireCart(owner)
            throw HTTPError.notFound(code: "product_not_found", "There is no product with id '\(productID)'.")
        }
        if product.kind == .physical, quantity > product.stock {
            try requireCart(owner)
            throw Self.outOfStock(product)
        }
        let now = clock().timeIntervalSince1970
        guard let items = try busyWhenContended({
            try store.setLine(productID, quantity: quantity, changedAt: now, in: owner, createIfMissing: owner.isUser)
        }) else {
            throw Self.cartNotFound(owner)
        }
        return try CartPricer.price(items, id: Self.publicID(owner), catalog: catalog, known: [productID: product])
    }

    /// Removes a line; removing a line that is not there changes nothing.
    func removeLine(_ productID: String, from owner: CartOwner) throws -> Cart {
        try change(owner) { $0.filter { $0.productId != productID } }
    }

    func emptyCart(_ owner: CartOwner) throws -> Cart {
        try change(owner) { _ in [] }
    }

    /// Adds an anonymous cart's lines to a user's cart (each capped at 99 and
    /// at the stock), then deletes the anonymous cart.
    func merge(anonymousID: String, into user: CartOwner) throws -> Cart {
        let anonymous = CartOwner.anonymous(anonymousID)
        guard anonymousID != StoreAPIPaths.myCart, let incoming = try store.items(of: anonymous) else {
            throw HTTPError.notFound(code: "cart_not_found", "There is no cart with id '\(anonymousID)'.")
        }
        let products = try catalog.products(ids: incoming.map(\.productId))
        let now = clock().timeIntervalSince1970
        let cart = try change(user, known: products) { items in
            var items = items
            for item in incoming {
                guard let product = products[item.productId] else { continue }
                let limit = product.kind == .physical ? min(Cart.maxQuantity, product.stock) : Cart.maxQuantity
                if let index = items.firstIndex(where: { $0.productId == item.productId }) {
                    items[index].quantity = min(limit, items[index].quantity + item.quantity)
                    items[index].changedAt = now
                } else {
                    items.append(CartItem(productId: item.productId, quantity: min(limit, item.quantity), changedAt: now))
                }
            }
            return items.filter { $0.quantity > 0 }
        }
        try store.delete(anonymous)
        return cart
    }

    // MARK: Helpers

    /// Applies `body` to the owner's items and prices the result; `known`
    /// holds products already read for the change, which pricing need not read again.
    private func change(_ owner: CartOwner, known: [String: Product] = [:],
                        _ body: ([CartItem]) throws -> [CartItem]) throws -> Cart {
        guard let items = try busyWhenContended({ try store.update(owner, createIfMissing: owner.isUser, body) }) else {
            throw Self.cartNotFound(owner)
        }
        return try CartPricer.price(items, id: Self.publicID(owner), catalog: catalog, known: known)
    }

    /// A store update; a change that keeps losing the race to others is a 503 busy.
    private func busyWhenContended<T>(_ update: () throws -> T) throws -> T {
        do {
            return try update()
        } catch CartStoreError.contended {
            throw HTTPError.busy
        }
    }

    private func requireCart(_ owner: CartOwner) throws {
        guard try items(of: owner) != nil else { throw Self.cartNotFound(owner) }
    }

    static func cartNotFound(_ owner: CartOwner) -> HTTPError {
        .notFound(code: "cart_not_found", "There is no cart with id '\(publicID(owner))'.")
    }

    static func outOfStock(_ product: Product) -> HTTPError {
        let message = product.stock == 0
            ? "\(product.name) is out of stock."
            : "Only \(product.stock) left in stock."
        return .conflict(code: "out_of_stock", message, param: "quantity")
    }
}
