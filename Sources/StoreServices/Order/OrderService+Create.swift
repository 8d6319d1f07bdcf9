import Foundation
import StoreWire

/// Creating an order: `Idempotency-Key` required; the same key and body
/// replay the first answer, the same key with another body is refused.
extension OrderService {
    static let idempotencyHeader = "Idempotency-Key"

    func createOrder(_ request: HTTPRequest) throws -> HTTPResponse {
        let user = try request.authenticatedUserID(verifier)
        guard let key = request.header(Self.idempotencyHeader)?.trimmingCharacters(in: .whitespaces), !key.isEmpty else {
            throw HTTPError.badRequest(code: "missing_idempotency_key",
                                       "An Idempotency-Key header is required to create an order.",
                                       param: Self.idempotencyHeader)
        }
        let body = try request.decode(CreateOrderRequest.self)
        // The hash of the decoded body in canonical form: whitespace or key order do not make it "another body".
        let requestHash = EventSignature.hex(Crypto.hmacSHA256(key: Data("order-request".utf8),
                                                               message: try JSONBody.encode(body)))
        return try keyLocks.withLock(user + "\n" + key) {
            if let record = try store.idempotencyRecord(user: user, key: key) {
                return try replay(record, requestHash: requestHash)
            }
            var stored = try buildOrder(body, user: user)
            let response = try HTTPResponse.json(present(stored), status: 201)
            let record = IdempotencyRecord(requestHash: requestHash, status: response.status, response: response.body)
            // The order is stored before its stock is reserved, so a crash in between
            // leaves an order the expiry sweeper finds and whose reservation it releases.
            stored.stockReserved = false
            try store.database.transaction { db in try store.insert(stored, in: db) }
            do {
                try catalog.reserveStock(forOrder: stored.order.id, Self.physicalQuantities(stored.order))
            } catch let error as StockError {
                try store.discardUnreserved(orderID: stored.order.id)
                throw Self.httpError(error)
            }
            do {
                try store.database.transaction { db in
                    try store.markStockReserved(orderID: stored.order.id, in: db)
                    try store.saveIdempotencyRecord(record, user: user, key: key, orderId: stored.order.id, in: db)
                }
            } catch let error as SQLiteError where error.isConstraintViolation {
                // Another instance won the race for this key: answer as it did; ours expires unpaid.
                guard let winner = try store.idempotencyRecord(user: user, key: key) else { throw error }
                return try replay(winner, requestHash: requestHash)
            }
            return response
        }
    }

    /// Units per product an order needs from stock (the catalogue ignores digital ones).
    static func physicalQuantities(_ order: Order) -> [String: Int] {
        Dictionary(order.lines.filter { $0.kind == .physical }.map { ($0.productId, $0.quantity) }, uniquingKeysWith: +)
    }

    static func httpError(_ error: StockError) -> HTTPError {
        switch error {
        case .insufficient(_, let name, let available):
            let message = available == 0 ? "\(name) is out of stock." : "Only \(available) of \(name) left in stock."
            return HTTPError.conflict(code: "out_of_stock", message)
        case .unknownProduct:
            return HTTPError.conflict(code: "product_unavailable",
                                      "A product in the cart is no longer sold; remove it and try again.")
        case .released:
            return HTTPError(status: 503, type: "api_error", code: "try_again",
                             message: "The order could not be completed in time; try again.")
        }
    }

    private func replay(_ record: IdempotencyRecord, requestHash: String) throws -> HTTPResponse {
        guard record.requestHash == requestHash else {
            throw HTTPError.conflict(code: "idempotency_key_reused",
                                     "This Idempotency-Key was already used for a different request.",
                                     param: Self.idempotencyHeader)
        }
        return HTTPResponse(status: record.status,
                            headers: ["Content-Type": "application/json; charset=utf-8", "Idempotent-Replayed": "true"],
                            body: record.response)
    }

    private func buildOrder(_ body: CreateOrderRequest, user: String) throws -> StoredOrder {
        let cartId = body.cartId.trimmingCharacters(in: .whitespaces)
        let owner = CartOwner(cartID: cartId, userID: user)
        guard !cartId.isEmpty, let items = try carts.items(of: owner) else {
            throw HTTPError.notFound(code: "cart_not_found", "There is no cart with id '\(cartId)'.")
        }
        let priced = try OrderPricer.price(items, catalog: catalog, deliveryAddress: body.deliveryAddress)
        let id = "ord_" + EventSignature.hex(Crypto.randomBytes(12))
        var number = OrderNumber.random()
        while try store.numberExists(number) { number = OrderNumber.random() }
        let intent = try intents.issue(orderId: id, userId: user, amount: priced.totals.total.amount,
                                   currency: priced.totals.total.currency)
        let now = Date()
        let order = Order(id: id, number: number, status: .pendingPayment,
                          createdAt: ISO8601DateFormatter().string(from: now), email: user, lines: priced.lines,
                          subtotal: priced.totals.subtotal, tax: priced.totals.tax, shipping: priced.totals.shipping,
                          total: priced.totals.total, deliveryAddress: priced.deliveryAddress, card: nil, shipment: nil,
                          paymentIntent: PaymentIntent(id: intent.id, clientSecret: intent.clientSecret,
                                                       amount: priced.totals.total),
                          cancellable: false)
        return StoredOrder(order: order, userId: user, cartId: cartId, createdEpoch: now.timeIntervalSince1970,
                           expiresEpoch: now.addingTimeInterval(paymentWindow).timeIntervalSince1970)
    }
}
