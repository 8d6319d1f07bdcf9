import StoreWire

extension StoreClient {
    public func createOrder(_ request: CreateOrderRequest, idempotencyKey: String, token: String) throws -> Order {
        try json.call(HTTPRequest(.post, "/order/v1/orders", token: token,
                                  headers: [("Idempotency-Key", idempotencyKey)],
                                  body: JSONExchange.body(request)))
    }

    public func orders(token: String) throws -> [Order] {
        try json.call(HTTPRequest(.get, "/order/v1/orders", token: token), as: ListAnswer<Order>.self).elements
    }

    public func order(id: String, token: String) throws -> Order {
        try json.call(HTTPRequest(.get, URLEncoding.path("order", "v1", "orders", id), token: token))
    }

    public func cancelOrder(id: String, token: String) throws -> Order {
        try json.call(HTTPRequest(.post, URLEncoding.path("order", "v1", "orders", id, "cancel"), token: token))
    }

    public func orderPipeline(id: String, token: String) throws -> OrderPipeline {
        try json.call(HTTPRequest(.get, URLEncoding.path("order", "v1", "orders", id, "pipeline"), token: token))
    }
}
