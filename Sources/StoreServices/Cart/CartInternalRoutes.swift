import Foundation
import StoreWire

/// `/cart/v1/internal/…`: the order service reading a shopper's cart and
/// taking ordered lines out of it when the cart service runs in another
/// process. These calls carry no shopper's token, so they are signed
/// (`PeerSignature`). A removal is keyed by its event and the cart store
/// keeps the keys it applied, so a retried removal takes the quantities once
/// whichever instance of the cart service it reaches.
public final class CartInternalRoutes: HTTPService, @unchecked Sendable {
    static let lookupPath = "/cart/v1/internal/cart-lookups"
    static let removalsPath = "/cart/v1/internal/ordered-lines"

    let carts: CartService
    let signature: PeerSignature

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
            try carts.removeOrdered(body.items.map { CartItem(productId: $0.productId, quantity: $0.quantity) },
                                    from: body.owner, cartReadAt: body.cartReadAt, once: body.key)
            return .noContent
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

/// The ordered lines to take out of a cart, once per `key`, leaving the
/// lines set after `cartReadAt` (absent from an order service that predates it).
struct OrderedLinesRemoval: Codable, Sendable, TextFieldsDeclaring {
    var cartId: String
    var userId: String
    var key: String
    var items: [PeerCartLine]
    var cartReadAt: Double?
    var owner: CartOwner { CartOwner(cartID: cartId, userID: userId) }
    var textFields: [TextField] {
        [TextField("cartId", cartId, limit: TextLimits.identifier), TextField("userId", userId, limit: TextLimits.email),
         TextField("key", key, limit: TextLimits.identifier)]
            + items.map { TextField("items.productId", $0.productId, limit: TextLimits.identifier) }
    }
}
