import StoreWire

extension StoreClient {
    public func createCart() throws -> Cart {
        try json.call(HTTPRequest(.post, "/cart/v1/carts"))
    }

    public func cart(id cartID: String, token: String?) throws -> Cart {
        try json.call(HTTPRequest(.get, Self.cartPath(cartID), token: token))
    }

    public func setQuantity(cartID: String, productID: String, quantity: Int, token: String?) throws -> Cart {
        try json.call(HTTPRequest(.put, Self.cartPath(cartID, "items", productID), token: token,
                                  body: JSONExchange.body(QuantityBody(quantity: quantity))))
    }

    public func removeLine(cartID: String, productID: String, token: String?) throws -> Cart {
        try json.call(HTTPRequest(.delete, Self.cartPath(cartID, "items", productID), token: token))
    }

    public func emptyCart(cartID: String, token: String?) throws -> Cart {
        try json.call(HTTPRequest(.delete, Self.cartPath(cartID, "items"), token: token))
    }

    public func mergeCart(anonymousCartID: String, token: String) throws -> Cart {
        try json.call(HTTPRequest(.post, Self.cartPath(StoreAPIPaths.myCart, "merge"), token: token,
                                  body: JSONExchange.body(MergeBody(cartId: anonymousCartID))))
    }

    static func cartPath(_ cartID: String, _ rest: String...) -> String {
        rest.reduce(URLEncoding.path("cart", "v1", "carts", cartID)) { $0 + "/" + URLEncoding.encode($1) }
    }

    private struct QuantityBody: Encodable { var quantity: Int }
    private struct MergeBody: Encodable { var cartId: String }
}
