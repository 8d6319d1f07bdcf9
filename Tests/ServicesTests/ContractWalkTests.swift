import Foundation
import Testing
import StoreWire
import StoreServices
import TestSupport

/// A real checkout and the common refusals, each answer checked against the
/// status and schema the published document gives its operation.
@Suite struct ContractWalkTests {
    /// Sends through a shopper or anonymously and checks each answer against the document.
    final class Walk {
        let contract: OpenAPIContract
        let shop: TestStore
        private(set) var covered: Set<OpenAPIContract.Operation> = []

        init(_ shop: TestStore) throws {
            contract = try OpenAPIContract()
            self.shop = shop
        }

        /// `operation` is the document's name for the request, e.g. `GET /order/v1/orders/{id}`.
        @discardableResult
        func check(_ operation: String, _ path: String, as shopper: Shopper? = nil, json: String? = nil,
                   headers: [String: String] = [:], body: Data? = nil, expect status: Int,
                   sourceLocation: SourceLocation = #_sourceLocation) throws -> RawResponse {
            let parts = operation.split(separator: " ", maxSplits: 1).map(String.init)
            let named = OpenAPIContract.Operation(method: parts[0], path: parts[1])
            let all = (shopper?.auth ?? [:]).merging(headers) { _, given in given }
            let answer: RawResponse
            if let json {
                answer = try shop.send(named.method, path, json: json, headers: all)
            } else {
                answer = try shop.send(named.method, path, headers: all, body: body)
            }
            #expect(answer.status == status, "\(named) \(path): \(answer.text.prefix(300))", sourceLocation: sourceLocation)
            #expect(contract.problems(of: answer, for: named) == [], sourceLocation: sourceLocation)
            covered.insert(named)
            return answer
        }
    }

    static func json<T: Encodable>(_ value: T) throws -> String { String(decoding: try JSONEncoder().encode(value), as: UTF8.self) }

    @Test func aCheckoutAndItsRefusalsAnswerAsDocumented() throws {
        let shop = try commerceShop()
        defer { shop.stop() }
        let walk = try Walk(shop)
        let sample = try CatalogueSample(shop)

        // Catalogue and the host's own routes.
        try walk.check("GET /health", "/health", expect: 200)
        try walk.check("GET /openapi.json", "/openapi.json", expect: 200)
        try walk.check("GET /product/v1/categories", "/product/v1/categories", expect: 200)
        try walk.check("GET /product/v1/products", "/product/v1/products?q=dune&featured=false&limit=5&offset=0", expect: 200)
        try walk.check("GET /product/v1/products", "/product/v1/products?limit=101", expect: 400)
        try walk.check("GET /product/v1/products", "/product/v1/products?category=GARDEN", expect: 404)
        try walk.check("GET /product/v1/products/{id}", "/product/v1/products/\(sample.physical.id)", expect: 200)
        try walk.check("GET /product/v1/products/{id}", "/product/v1/products/no-such-thing", expect: 404)

        // An anonymous cart.
        let anonymous = try walk.check("POST /cart/v1/carts", "/cart/v1/carts", expect: 201).decode(Cart.self).id
        let line = "/cart/v1/carts/\(anonymous)/items/"
        try walk.check("PUT /cart/v1/carts/{id}/items/{productId}", line + sample.physical.id, json: #"{"quantity": 2}"#, expect: 200)
        try walk.check("PUT /cart/v1/carts/{id}/items/{productId}", line + sample.digital.id, json: #"{"quantity": 1}"#, expect: 200)
        try walk.check("PUT /cart/v1/carts/{id}/items/{productId}", line + sample.physical.id, json: #"{"quantity": 100}"#, expect: 422)
        try walk.check("PUT /cart/v1/carts/{id}/items/{productId}", line + sample.physical.id, json: #"{"quantity": "#, expect: 400)
        try walk.check("PUT /cart/v1/carts/{id}/items/{productId}", line + "no-such-thing", json: #"{"quantity": 1}"#, expect: 404)
        try walk.check("PUT /cart/v1/carts/{id}/items/{productId}", line + sample.physical.id,
                       body: Data(count: (1 << 20) + 1), expect: 413)
        try walk.check("DELETE /cart/v1/carts/{id}/items/{productId}", line + sample.digital.id, expect: 200)
        try walk.check("GET /cart/v1/carts/{id}", "/cart/v1/carts/\(anonymous)", expect: 200)
        try walk.check("GET /cart/v1/carts/{id}", "/cart/v1/carts/no-such-cart", expect: 404)
        try walk.check("GET /cart/v1/carts/{id}", "/cart/v1/carts/mine", expect: 401)

        // Sign up, sign in.
        let shopper = try Shopper.signUp(shop)
        let signUp = SignUpRequest(email: "contract-\(UUID().uuidString.prefix(8))@example.com", password: "long-enough-pw",
                                   name: "Cora Tract", address: aucklandAddress)
        try walk.check("POST /user/v1/users", "/user/v1/users", json: try Self.json(signUp), expect: 201)
        try walk.check("POST /user/v1/users", "/user/v1/users", json: try Self.json(signUp), expect: 409)
        var badEmail = signUp
        badEmail.email = "not-an-email"
        try walk.check("POST /user/v1/users", "/user/v1/users", json: try Self.json(badEmail), expect: 422)
        try walk.check("POST /user/v1/users", "/user/v1/users", json: "[]", expect: 400)
        try walk.check("POST /user/v1/sessions", "/user/v1/sessions",
                       json: try Self.json(SignInRequest(email: signUp.email, password: signUp.password)), expect: 200)
        try walk.check("POST /user/v1/sessions", "/user/v1/sessions",
                       json: try Self.json(SignInRequest(email: signUp.email, password: "wrong-password")), expect: 401)
        try walk.check("GET /user/v1/users/me", "/user/v1/users/me", as: shopper, expect: 200)
        try walk.check("GET /user/v1/users/me", "/user/v1/users/me", headers: ["Authorization": "Bearer forged"], expect: 401)

        // The anonymous cart becomes the shopper's.
        try walk.check("POST /cart/v1/carts/mine/merge", "/cart/v1/carts/mine/merge", as: shopper,
                       json: #"{"cartId": "\#(anonymous)"}"#, expect: 200)
        try walk.check("POST /cart/v1/carts/mine/merge", "/cart/v1/carts/mine/merge", as: shopper,
                       json: #"{"cartId": "\#(anonymous)"}"#, expect: 404)
        try walk.check("GET /cart/v1/carts/{id}", "/cart/v1/carts/mine", as: shopper, expect: 200)

        // The order, its replay and its refusals.
        let orderBody = try Self.json(CreateOrderRequest(cartId: "mine", deliveryAddress: aucklandAddress))
        try walk.check("POST /order/v1/orders", "/order/v1/orders", as: shopper, json: orderBody, expect: 400)
        let key = ["Idempotency-Key": UUID().uuidString]
        let created = try walk.check("POST /order/v1/orders", "/order/v1/orders", as: shopper, json: orderBody,
                                     headers: key, expect: 201)
        let replayed = try walk.check("POST /order/v1/orders", "/order/v1/orders", as: shopper, json: orderBody,
                                      headers: key, expect: 201)
        #expect(replayed.body == created.body)
        try walk.check("POST /order/v1/orders", "/order/v1/orders", as: shopper,
                       json: try Self.json(CreateOrderRequest(cartId: "no-such-cart", deliveryAddress: nil)),
                       headers: key, expect: 409)
        try walk.check("POST /order/v1/orders", "/order/v1/orders", as: shopper,
                       json: try Self.json(CreateOrderRequest(cartId: "no-such-cart", deliveryAddress: nil)),
                       headers: ["Idempotency-Key": UUID().uuidString], expect: 404)
        let order = try created.decode(Order.self)
        try walk.check("GET /order/v1/orders/{id}", "/order/v1/orders/\(order.id)", as: shopper, expect: 200)
        try walk.check("GET /order/v1/orders/{id}", "/order/v1/orders/ord_nothing", as: shopper, expect: 404)

        // Paying: refusals first, then a card that approves.
        let intent = try #require(order.paymentIntent)
        let confirm = "/payment/v1/payment-intents/\(intent.id)/confirm"
        func payment(_ number: String, secret: String? = nil) throws -> String {
            try Self.json(ConfirmPaymentRequest(clientSecret: secret ?? intent.clientSecret, card: testCard(number)))
        }
        let operation = "POST /payment/v1/payment-intents/{id}/confirm"
        try walk.check(operation, confirm, as: shopper, json: try payment("4000000000000002"),
                       headers: ["Idempotency-Key": UUID().uuidString], expect: 402)
        try walk.check(operation, confirm, as: shopper, json: try payment("4242424242424241"), expect: 400)
        try walk.check(operation, confirm, as: shopper, json: try payment("4242424242424242", secret: "forged"), expect: 401)
        try walk.check(operation, confirm, as: try Shopper.signUp(shop), json: try payment("4242424242424242"), expect: 403)
        try walk.check(operation, "/payment/v1/payment-intents/forged/confirm", as: shopper,
                       json: try payment("4242424242424242"), expect: 404)
        let attempt = ["Idempotency-Key": UUID().uuidString]
        let paid = try walk.check(operation, confirm, as: shopper, json: try payment("4242424242424242"),
                                  headers: attempt, expect: 200)
        let retried = try walk.check(operation, confirm, as: shopper, json: try payment("4242424242424242"),
                                     headers: attempt, expect: 200)
        #expect(retried.body == paid.body)

        // The paid order's pipeline: the shopper's own only.
        let pipelinePath = "/order/v1/orders/\(order.id)/pipeline"
        let pipeline = try walk.check("GET /order/v1/orders/{id}/pipeline", pipelinePath, as: shopper, expect: 200)
        #expect(try pipeline.decode(OrderPipeline.self).steps.map(\.name).contains("payment_approved"))
        try walk.check("GET /order/v1/orders/{id}/pipeline", pipelinePath, as: try Shopper.signUp(shop), expect: 404)
        try walk.check("GET /order/v1/orders/{id}/pipeline", "/order/v1/orders/ord_nothing/pipeline", as: shopper, expect: 404)
        try walk.check("GET /order/v1/orders/{id}/pipeline", pipelinePath, expect: 401)
        try walk.check(operation, confirm, as: shopper, json: try payment("5555555555554444"),
                       headers: ["Idempotency-Key": UUID().uuidString], expect: 409)

        // History and cancelling.
        let history = try walk.check("GET /order/v1/orders", "/order/v1/orders", as: shopper, expect: 200)
        #expect(try history.decode([Order].self).map(\.id) == [order.id])
        try walk.check("GET /order/v1/orders", "/order/v1/orders", expect: 401)
        try walk.check("POST /order/v1/orders/{id}/cancel", "/order/v1/orders/\(order.id)/cancel", as: shopper, expect: 200)
        try walk.check("POST /order/v1/orders/{id}/cancel", "/order/v1/orders/\(order.id)/cancel", as: shopper, expect: 409)
        try walk.check("POST /order/v1/orders/{id}/cancel", "/order/v1/orders/ord_nothing/cancel", as: shopper, expect: 404)

        // An empty cart cannot be ordered; the cart can be emptied.
        try walk.check("DELETE /cart/v1/carts/{id}/items", "/cart/v1/carts/mine/items", as: shopper, expect: 200)
        try walk.check("POST /order/v1/orders", "/order/v1/orders", as: shopper, json: orderBody,
                       headers: ["Idempotency-Key": UUID().uuidString], expect: 409)

        // The internal route trusts only signed events.
        try walk.check("POST /order/v1/payment-events", "/order/v1/payment-events", json: "{}", expect: 401)

        // So do the internal routes of services run apart, with the peer-call key.
        let peers = PeerSignature(key: try SigningKey.loadOrCreate(in: shop.dataDirectory))
        @discardableResult
        func signed(_ operation: String, _ path: String, json: String = "", expect status: Int) throws -> RawResponse {
            let method = String(operation.prefix { $0 != " " })
            let request = peers.signed(HTTPRequest(method: method, path: path, body: Data(json.utf8)))
            let signature = [PeerSignature.headerName: request.header(PeerSignature.headerName) ?? ""]
            if json.isEmpty { return try walk.check(operation, path, headers: signature, expect: status) }
            return try walk.check(operation, path, json: json, headers: signature, expect: status)
        }
        let reserve = "PUT /product/v1/reservations/{orderId}"
        try signed(reserve, "/product/v1/reservations/ord_walk", json: #"{"quantities": {"\#(sample.physical.id)": 1}}"#,
                   expect: 204)
        let short = try signed(reserve, "/product/v1/reservations/ord_walk_short",
                               json: #"{"quantities": {"\#(sample.physical.id)": 100000}}"#, expect: 409)
        #expect(short.serviceError?.code == "out_of_stock" && short.text.contains("shortage"), "\(short.text)")
        try walk.check(reserve, "/product/v1/reservations/ord_walk", json: #"{"quantities": {}}"#, expect: 401)
        try signed("DELETE /product/v1/reservations/{orderId}", "/product/v1/reservations/ord_walk", expect: 204)
        let lookup = "POST /cart/v1/internal/cart-lookups"
        try signed(lookup, "/cart/v1/internal/cart-lookups", json: #"{"cartId": "mine", "userId": "\#(shopper.email)"}"#,
                   expect: 200)
        try signed(lookup, "/cart/v1/internal/cart-lookups", json: #"{"cartId": "no-such-cart", "userId": ""}"#, expect: 404)
        try walk.check(lookup, "/cart/v1/internal/cart-lookups", json: "{}", expect: 401)
        try signed("POST /cart/v1/internal/ordered-lines", "/cart/v1/internal/ordered-lines",
                   json: #"{"cartId": "mine", "userId": "\#(shopper.email)", "key": "evt_walk", "items": []}"#, expect: 204)

        let untested = Set(walk.contract.operations).subtracting(walk.covered)
        #expect(untested.map { $0.description }.sorted() == [String](), "operations this walk never checked")
    }

    @Test func keysAtTheirDocumentedLimitAreAccepted() throws {
        let shop = try commerceShop()
        defer { shop.stop() }
        let walk = try Walk(shop)
        let shopper = try Shopper.signUp(shop)
        try shopper.fillCart([(try CatalogueSample(shop).digital.id, 1)])
        let limit = try #require(Self.maxLength(of: "Idempotency-Key", in: "/order/v1/orders", walk.contract))
        let orderBody = try Self.json(CreateOrderRequest(cartId: "mine", deliveryAddress: nil))
        let order = try walk.check("POST /order/v1/orders", "/order/v1/orders", as: shopper, json: orderBody,
                                   headers: ["Idempotency-Key": String(repeating: "k", count: limit)], expect: 201).decode(Order.self)
        let intent = try #require(order.paymentIntent)
        let payment = try Self.json(ConfirmPaymentRequest(clientSecret: intent.clientSecret, card: testCard("4242424242424242")))
        try walk.check("POST /payment/v1/payment-intents/{id}/confirm", "/payment/v1/payment-intents/\(intent.id)/confirm",
                       as: shopper, json: payment, headers: ["Idempotency-Key": String(repeating: "p", count: limit)], expect: 200)
    }

    /// The documented `maxLength` of a header parameter of the POST at `path`.
    static func maxLength(of header: String, in path: String, _ contract: OpenAPIContract) -> Int? {
        let paths = contract.document["paths"] as? [String: [String: Any]]
        let operation = paths?[path]?["post"] as? [String: Any]
        let parameters = operation?["parameters"] as? [[String: Any]] ?? []
        let schema = parameters.first { $0["name"] as? String == header }?["schema"] as? [String: Any]
        return schema?["maxLength"] as? Int
    }
}
