import StoreWire

/// `/cart/v1`: carts over HTTP. `{id}` is an anonymous cart's id, or `mine`
/// for the signed-in user's own cart (bearer token required).
extension CartService: HTTPService {
    public func register(on router: Router) {
        router.post("/cart/v1/carts") { [unowned self] _ in
            Self.answer(try createAnonymousCart(), status: 201)
        }
        router.get("/cart/v1/carts/:id") { [unowned self] request in
            let owner = try owner(of: request)
            guard let cart = try pricedCart(of: owner) else { throw Self.cartNotFound(owner) }
            return Self.answer(cart)
        }
        router.put("/cart/v1/carts/:id/items/:productId") { [unowned self] request in
            let owner = try owner(of: request)
            let body = try SetQuantityBody.read(request.body)
            return Self.answer(try setQuantity(body.quantity, of: request.parameter("productId"), in: owner))
        }
        router.delete("/cart/v1/carts/:id/items/:productId") { [unowned self] request in
            Self.answer(try removeLine(request.parameter("productId"), from: owner(of: request)))
        }
        router.delete("/cart/v1/carts/:id/items") { [unowned self] request in
            Self.answer(try emptyCart(owner(of: request)))
        }
        router.post("/cart/v1/carts/\(StoreAPIPaths.myCart)/merge") { [unowned self] request in
            let user = CartOwner.user(try request.authenticatedUserID(verifier))
            let body = try request.decode(MergeCartBody.self)
            return Self.answer(try merge(anonymousID: body.cartId, into: user))
        }
    }

    /// The cart as the answer's JSON, written field by field (the bytes `.json(cart)` would write).
    private static func answer(_ cart: Cart, status: Int = 200) -> HTTPResponse {
        var output = JSONOutput(capacity: 256 + 192 * cart.lines.count)
        output.cart(cart)
        return .json(encoded: output.bytes, status: status)
    }

    /// The cart a request names; `mine` needs a valid bearer token.
    private func owner(of request: HTTPRequest) throws -> CartOwner {
        let id = try request.parameter("id")
        if id == StoreAPIPaths.myCart {
            return .user(try request.authenticatedUserID(verifier))
        }
        return .anonymous(id)
    }
}
