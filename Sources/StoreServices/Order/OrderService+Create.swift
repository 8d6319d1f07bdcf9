import Foundation
import StoreWire

/// Creating an order: `Idempotency-Key` required; the same key and body
/// replay the first answer, the same key with another body is refused.
extension OrderService {
    static let idempotencyHeader = "Idempotency-Key"

    func createOrder(_ request: HTTPRequest) throws -> HTTPResponse {
        let user = try request.authenticatedUserID(verifier)
        guard let key = request.header(Self.idempotencyHeader)?.trimmingWhitespace(), !key.isEmpty else {
            throw HTTPError.badRequest(code: "missing_idempotency_key",
                                       "An Idempotency-Key header is required to create an order.",
                                       param: Self.idempotencyHeader)
        }
        let body = try request.decode(CreateOrderRequest.self)
        let requestHash = try Self.requestHash(body)
        return try keyLocks.withLock(user + "\n" + key) {
            // Claim the key with a new order; a key claimed already answers as its first request.
            var stored: StoredOrder
            var rounds = 0
            repeat {
                if let answer = try earlierAnswer(user: user, key: key, requestHash: requestHash) { return answer }
                rounds += 1
                guard rounds <= 5 else { throw Self.keyBusy }
                stored = try buildOrder(body, user: user)
                // The order is stored before its stock is reserved, so a crash in between
                // leaves an order the expiry sweeper finds and whose reservation it releases.
                stored.stockReserved = false
            } while try !insertClaimingKey(&stored, key: key, user: user, requestHash: requestHash)
            do {
                try catalog.reserveStock(forOrder: stored.order.id, Self.physicalQuantities(stored.order))
            } catch let error as StockError {
                try store.discardUnreserved(orderID: stored.order.id)
                try store.freeIdempotencyKey(user: user, key: key, orderId: stored.order.id)
                throw Self.httpError(error)
            } catch {
                // Reserved or not (a peer that timed out may have reserved): the order stays for
                // the expiry sweeper, which releases whatever was reserved; a retry may use the key.
                try? store.freeIdempotencyKey(user: user, key: key, orderId: stored.order.id)
                throw error
            }
            let response = try HTTPResponse.json(present(stored), status: 201)
            let record = IdempotencyRecord(requestHash: requestHash, status: response.status, response: response.body)
            let completed = try store.database.transaction { db in
                // Both or neither: an order whose key was taken over stays unreserved and expires.
                guard try store.complete(record, user: user, key: key, orderId: stored.order.id, in: db) else { return false }
                try store.markStockReserved(orderID: stored.order.id, in: db)
                return true
            }
            // Slower than the claim's lease, the key was taken over by a retry: that request answers.
            guard completed else { throw Self.keyBusy }
            return response
        }
    }

    /// Stores the order claiming the key; false when another request claimed
    /// it first. An order number another instance took at the same moment is drawn again.
    private func insertClaimingKey(_ stored: inout StoredOrder, key: String, user: String, requestHash: String) throws -> Bool {
        for _ in 0..<5 {
            do {
                return try store.insert(stored, claiming: key, user: user, requestHash: requestHash)
            } catch let error as DatabaseError where error.isConstraintViolation {
                guard try store.numberExists(stored.order.number) else { throw error }
                stored.order.number = try unusedOrderNumber()
            }
        }
        throw Self.keyBusy
    }

    /// The answer to replay for a key used before; nil when the key is free.
    /// A claim still being answered (by another instance) is waited for a
    /// little; a claim older than its lease is freed, and the key is ours.
    private func earlierAnswer(user: String, key: String, requestHash: String) throws -> HTTPResponse? {
        let deadline = Date().addingTimeInterval(Self.claimWait)
        while let record = try store.idempotencyRecord(user: user, key: key) {
            if !record.isPending || record.requestHash != requestHash { return try replay(record, requestHash: requestHash) }
            if record.createdEpoch <= Date().timeIntervalSince1970 - IdempotencyRecord.claimLease {
                try store.freeIdempotencyKey(user: user, key: key, orderId: record.orderId)
                continue
            }
            guard Date() < deadline else { throw Self.keyBusy }
            Thread.sleep(forTimeInterval: 0.05)
        }
        return nil
    }

    /// How long a request waits for another instance answering the same key:
    /// less than a client's whole-call timeout (10 s in StoreHTTP), so the
    /// client hears 409 idempotency_key_in_use (try again) instead of timing out.
    static let claimWait: TimeInterval = 8

    static let keyBusy = HTTPError.conflict(code: "idempotency_key_in_use",
                                            "A request with this Idempotency-Key is still being processed; try again shortly.",
                                            param: idempotencyHeader)

    /// The hash of the decoded body in canonical form: whitespace or key order do not make it "another body".
    static func requestHash(_ body: CreateOrderRequest) throws -> String {
        EventSignature.hex(Crypto.hmacSHA256(key: Data("order-request".utf8), message: try JSONBody.encode(body)))
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

    /// A random order number no stored order has (another instance may still take it first).
    private func unusedOrderNumber() throws -> String {
        var number = OrderNumber.random()
        while try store.numberExists(number) { number = OrderNumber.random() }
        return number
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
        let cartId = body.cartId.trimmingWhitespace()
        let owner = CartOwner(cartID: cartId, userID: user)
        // Taken before the cart is read: a line set after this was not ordered,
        // and the paid order's cart removal leaves it (`cartReadAt`).
        let now = Date()
        guard !cartId.isEmpty, let items = try carts.items(of: owner) else {
            throw HTTPError.notFound(code: "cart_not_found", "There is no cart with id '\(cartId)'.")
        }
        let priced = try OrderPricer.price(items, catalog: catalog, deliveryAddress: body.deliveryAddress)
        let id = "ord_" + EventSignature.hex(Crypto.randomBytes(12))
        // Drawn without asking the database first: the insert refuses a number in use, and `insertClaimingKey` draws again.
        let number = OrderNumber.random()
        let intent = try intents.issue(orderId: id, userId: user, amount: priced.totals.total.amount,
                                   currency: priced.totals.total.currency)
        let order = Order(id: id, number: number, status: .pendingPayment,
                          createdAt: Timestamp.string(from: now), email: user, lines: priced.lines,
                          subtotal: priced.totals.subtotal, tax: priced.totals.tax, shipping: priced.totals.shipping,
                          total: priced.totals.total, deliveryAddress: priced.deliveryAddress, card: nil, shipment: nil,
                          paymentIntent: PaymentIntent(id: intent.id, clientSecret: intent.clientSecret,
                                                       amount: priced.totals.total),
                          cancellable: false)
        return StoredOrder(order: order, userId: user, cartId: cartId, createdEpoch: now.timeIntervalSince1970,
                           expiresEpoch: now.addingTimeInterval(paymentWindow).timeIntervalSince1970)
    }
}
