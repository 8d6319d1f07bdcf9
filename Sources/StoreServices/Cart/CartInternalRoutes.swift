import Foundation
import StoreWire

/// `/cart/v1/internal/…`: the order service reading a shopper's cart and
/// taking ordered lines out of it when the cart service runs in another
/// process. These calls carry no shopper's token, so they are signed
/// (`PeerSignature`). A removal is keyed by its event: the keys of recent
/// removals are kept, so a retried removal takes the quantities once.
public final class CartInternalRoutes: HTTPService, @unchecked Sendable {
    static let lookupPath = "/cart/v1/internal/cart-lookups"
    static let removalsPath = "/cart/v1/internal/ordered-lines"
    /// Removal keys remembered; a retry comes within seconds, far fewer than this many orders later.
    static let rememberedRemovals = 10_000

    let carts: CartService
    let signature: PeerSignature
    private let lock = NSLock()
    private var applied: Set<String> = []
    private var appliedOrder: [String] = []

    public init(carts: CartService, signature: PeerSignature) {
        self.carts = carts
        self.signature = signature
    }

    public func register(on router: Router) {
        router.post(Self.lookupPath) { [self] request in
            try signature.check(request)
            let body = try request.decode(CartLookup.self)
            guard let items = try carts.items(of: body.owner) else { throw CartService.cartNotFound(body.owner) }
            return try .json(CartLines(items: items.map { PeerCartLine(productId: $0.productId, quantity: $0.quantity) }))
        }
        router.post(Self.removalsPath) { [self] request in
            try signature.check(request)
            let body = try request.decode(OrderedLinesRemoval.self)
            lock.lock()
            defer { lock.unlock() }
            guard !applied.contains(body.key) else { return .noContent }
            try carts.removeOrdered(body.items.map { CartItem(productId: $0.productId, quantity: $0.quantity) },
                                from: body.owner)
            remember(body.key)
            return .noContent
        }
    }

    private func remember(_ key: String) {
        applied.insert(key)
        appliedOrder.append(key)
        if appliedOrder.count > Self.rememberedRemovals {
            applied.remove(appliedOrder.removeFirst())
        }
    }
}

/// Whose cart: the id the order names (`mine` or an anonymous cart's) and the shopper.
struct CartLookup: Codable, Sendable, TextFieldsDeclaring {
    var cartId: String
    var userId: String
    var owner: CartOwner { CartOwner(cartID: cartId, userID: userId) }
    var textFields: [TextField] {
        [TextField("cartId", cartId, limit: TextLimits.identifier), TextField("userId", userId, limit: TextLimits.email)]
    }
}

struct PeerCartLine: Codable, Sendable {
    var productId: String
    var quantity: Int
}

struct CartLines: Codable, Sendable {
    var items: [PeerCartLine]
}

/// The ordered lines to take out of a cart, once per `key`.
struct OrderedLinesRemoval: Codable, Sendable, TextFieldsDeclaring {
    var cartId: String
    var userId: String
    var key: String
    var items: [PeerCartLine]
    var owner: CartOwner { CartOwner(cartID: cartId, userID: userId) }
    var textFields: [TextField] {
        [TextField("cartId", cartId, limit: TextLimits.identifier), TextField("userId", userId, limit: TextLimits.email),
         TextField("key", key, limit: TextLimits.identifier)]
            + items.map { TextField("items.productId", $0.productId, limit: TextLimits.identifier) }
    }
}
