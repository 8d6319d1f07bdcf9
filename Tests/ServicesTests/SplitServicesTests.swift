import Foundation
import Testing
import StoreHTTP
import StoreWire
@testable import StoreServices
import TestSupport

/// The services apart: instances that each run some of them (`only`), reaching
/// the others through a real nginx gateway (`peers`), sharing one signing key.
@Suite struct SplitServicesTests {
    /// One instance on its own port and data directory.
    final class Instance {
        let store: BetterStore
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("betterstore-split-\(UUID().uuidString)")

        init(_ only: Set<ServiceName>, peers: String?, key: SigningKey, timeouts: (connect: TimeInterval, request: TimeInterval)? = nil,
             authorities: CertificateAuthorities = .system, log: ServiceLog = .silent, pipelinePaused: Bool = false) throws {
            var options = TestStore.fastOptions
            options.pipelinePaused = pipelinePaused
            options.log = log
            options.only = only
            options.peers = peers
            options.sharedKey = key
            options.peerAuthorities = authorities
            if let timeouts { options.peerTimeouts = timeouts }
            store = try BetterStore(dataDirectory: directory, options: options)
            try store.start(port: 0)
        }

        deinit {
            store.stop()
            try? FileManager.default.removeItem(at: directory)
        }
    }

    static func sharedKey() -> SigningKey { SigningKey(master: Crypto.randomBytes(32)) }

    @Test func aWholeCheckoutRunsOnThreeInstancesBehindAGateway() throws {
        let gateway = try ServiceGateway()
        defer { gateway.stop() }
        let key = Self.sharedKey()
        let catalogue = try Instance([.product, .cart], peers: gateway.baseURL, key: key)
        let accounts = try Instance([.user], peers: nil, key: key)
        let checkout = try Instance([.order, .payment], peers: gateway.baseURL, key: key)
        try gateway.start(routes: [
            "/product/v1/": catalogue.store.baseURL, "/cart/v1/": catalogue.store.baseURL,
            "/user/v1/": accounts.store.baseURL,
            "/order/v1/": checkout.store.baseURL, "/payment/v1/": checkout.store.baseURL,
        ])
        #expect(catalogue.store.commerce.orders == nil && checkout.store.products == nil && checkout.store.carts == nil,
                "each instance holds only its own services")
        #expect(try RawHTTP.send("GET", accounts.store.baseURL + "/product/v1/categories").status == 404,
                "a service not run here is not answered here")

        let client = StoreClient(baseURL: gateway.baseURL)
        let session = try client.signUp(SignUpRequest(email: "split-\(UUID().uuidString.prefix(8).lowercased())@example.com",
                                                      password: "long-enough-pw", name: "Ann Shopper", address: aucklandAddress))
        let products = try client.products(ProductQuery(limit: 100)).items
        let book = try #require(products.first { $0.kind == .physical && $0.stock >= 5 })

        // Sign-in from the user instance, the cart on another, the order on a third: one key verifies everywhere.
        _ = try client.setQuantity(cartID: StoreAPIPaths.myCart, productID: book.id, quantity: 2, token: session.token)
        let order = try client.createOrder(CreateOrderRequest(cartId: StoreAPIPaths.myCart, deliveryAddress: aucklandAddress),
                                           idempotencyKey: UUID().uuidString, token: session.token)
        #expect(order.lines.map(\.productId) == [book.id] && order.total.amount > 0, "priced from the product service")
        #expect(try catalogue.store.products.heldStock(ofOrder: order.id) == [book.id: 2], "stock is reserved at the product service")

        let intent = try #require(order.paymentIntent)
        let result = try client.confirmPayment(intentID: intent.id,
                                               ConfirmPaymentRequest(clientSecret: intent.clientSecret, card: testCard("4242424242424242")),
                                               token: session.token, idempotencyKey: UUID().uuidString)
        #expect(result.status == "succeeded")
        #expect(try client.order(id: order.id, token: session.token).status == .paid)
        let receipts = checkout.store.commerce.maildir.appendingPathComponent("new")
        #expect(eventually(timeout: 10) { ((try? FileManager.default.contentsOfDirectory(atPath: receipts.path)) ?? []).count >= 1 },
                "a receipt is written by the order instance's pipeline")
        #expect(eventually(timeout: 10) { (try? client.cart(id: StoreAPIPaths.myCart, token: session.token))?.lines.isEmpty == true },
                "the ordered lines leave the cart on the cart instance")

        // Cancelling the paid order gives its stock back at the product service.
        #expect(try client.cancelOrder(id: order.id, token: session.token).status == .cancelled)
        #expect(eventually(timeout: 10) { (try? catalogue.store.products.heldStock(ofOrder: order.id)) == .some(nil) },
                "the cancellation releases the reservation")
        #expect(try catalogue.store.products.heldStock().isEmpty)
    }

    /// The cart removal crosses to the cart instance with when the order read
    /// the cart: a product the shopper put back before it arrived stays.
    @Test func aProductPutBackBeforeTheRemovalArrivesStaysOnTheCartInstance() throws {
        let gateway = try ServiceGateway()
        defer { gateway.stop() }
        let key = Self.sharedKey()
        let catalogue = try Instance([.product, .cart, .user], peers: nil, key: key)
        let checkout = try Instance([.order, .payment], peers: gateway.baseURL, key: key, pipelinePaused: true)
        try gateway.start(routes: [
            "/product/v1/": catalogue.store.baseURL, "/cart/v1/": catalogue.store.baseURL, "/user/v1/": catalogue.store.baseURL,
            "/order/v1/": checkout.store.baseURL, "/payment/v1/": checkout.store.baseURL,
        ])
        let client = StoreClient(baseURL: gateway.baseURL)
        let session = try client.signUp(SignUpRequest(email: "again-\(UUID().uuidString.prefix(8).lowercased())@example.com",
                                                      password: "long-enough-pw", name: "Ann Shopper", address: aucklandAddress))
        _ = try client.setQuantity(cartID: StoreAPIPaths.myCart, productID: "dune-paperback", quantity: 1, token: session.token)
        _ = try client.setQuantity(cartID: StoreAPIPaths.myCart, productID: "dune-ebook", quantity: 1, token: session.token)
        let order = try client.createOrder(CreateOrderRequest(cartId: StoreAPIPaths.myCart, deliveryAddress: aucklandAddress),
                                           idempotencyKey: UUID().uuidString, token: session.token)
        let intent = try #require(order.paymentIntent)
        _ = try client.confirmPayment(intentID: intent.id,
                                      ConfirmPaymentRequest(clientSecret: intent.clientSecret, card: testCard("4242424242424242")),
                                      token: session.token, idempotencyKey: UUID().uuidString)

        _ = try client.setQuantity(cartID: StoreAPIPaths.myCart, productID: "dune-paperback", quantity: 1, token: session.token)
        #expect(checkout.store.commerce.dispatcher.deliverDueEvents() == 1)
        let cart = try client.cart(id: StoreAPIPaths.myCart, token: session.token)
        #expect(cart.lines.map(\.productId) == ["dune-paperback"] && cart.itemCount == 1,
                "\(cart.lines.map { ($0.productId, $0.quantity) })")
    }

    /// Peers behind an https:// gateway with a private authority, trusted as with `--cacert`.
    @Test func peersAreReachedOverHTTPSWithTheGatewaysAuthority() throws {
        let key = Self.sharedKey()
        let rest = try Instance([.product], peers: nil, key: key)
        let gateway = try TLSGateway(upstream: rest.store.baseURL)
        defer { gateway.stop() }
        let trusting = try Instance([.cart], peers: gateway.baseURL, key: key,
                                    authorities: CertificateAuthorities(file: gateway.authorityFile))
        let doubting = try Instance([.cart], peers: gateway.baseURL, key: key, timeouts: (connect: 1, request: 2))
        for (cart, status) in [(trusting, 200), (doubting, 503)] {
            let id = try RawHTTP.send("POST", cart.store.baseURL + "/cart/v1/carts").decode(Cart.self).id
            let answer = try RawHTTP.send("PUT", cart.store.baseURL + "/cart/v1/carts/\(id)/items/dune-ebook",
                                          json: #"{"quantity": 1}"#)
            #expect(answer.status == status, "\(answer.text)")
        }
    }

    @Test func aPeerThatIsDownIsA503NamingIt() throws {
        let nowhere = "http://127.0.0.1:\(try LoopbackPort.unused())"
        let cart = try Instance([.cart], peers: nowhere, key: Self.sharedKey(), timeouts: (connect: 1, request: 2))
        let created = try RawHTTP.send("POST", cart.store.baseURL + "/cart/v1/carts")
        #expect(created.status == 201, "an empty cart needs no product: \(created.text)")
        let id = try created.decode(Cart.self).id
        let answer = try RawHTTP.send("PUT", cart.store.baseURL + "/cart/v1/carts/\(id)/items/dune-paperback",
                                      json: #"{"quantity": 1}"#)
        #expect(answer.status == 503, "\(answer.text)")
        #expect(answer.serviceError?.code == "peer_unavailable")
        #expect(answer.serviceError?.message.contains("product service") == true, "\(answer.text)")
    }

    @Test func aPeerThatHangsIsA503OnceItsTimeoutIsSpent() throws {
        let hanging = try SilentListener()
        defer { hanging.close() }
        let cart = try Instance([.cart], peers: "http://127.0.0.1:\(hanging.port)", key: Self.sharedKey(),
                                timeouts: (connect: 1, request: 1.5))
        let id = try RawHTTP.send("POST", cart.store.baseURL + "/cart/v1/carts").decode(Cart.self).id
        let answer = try RawHTTP.send("PUT", cart.store.baseURL + "/cart/v1/carts/\(id)/items/dune-paperback",
                                      json: #"{"quantity": 1}"#)
        #expect(answer.status == 503 && answer.serviceError?.code == "peer_unavailable", "\(answer.text)")
    }

    /// The payment service alone with the order service away: the confirm is refused before any charge.
    @Test func aPaymentWhoseOrderServiceIsDownChargesNothing() throws {
        let key = Self.sharedKey()
        let payments = try Instance([.payment], peers: "http://127.0.0.1:\(try LoopbackPort.unused())", key: key)
        let shopper = AuthenticatedUser(id: "ann@example.com", email: "ann@example.com")
        let token = try SessionTokens(key: key).issue(for: shopper).token
        let intent = try PaymentIntentTokens(key: key).issue(orderId: "ord_away", userId: shopper.id, amount: 2_500, currency: "NZD")
        let body = String(decoding: try JSONEncoder().encode(ConfirmPaymentRequest(clientSecret: intent.clientSecret,
                                                                                    card: testCard("4242424242424242"))),
                          as: UTF8.self)
        let answer = try RawHTTP.send("POST", payments.store.baseURL + "/payment/v1/payment-intents/\(intent.id)/confirm",
                                      json: body, headers: ["Authorization": "Bearer \(token)", "Idempotency-Key": "attempt-1"])
        #expect(answer.status == 503 && answer.serviceError?.code == "peer_unavailable", "\(answer.text)")
        #expect(answer.serviceError?.message.contains("order service") == true)
        #expect(try payments.store.commerce.payments.network.charge(attempt: "ord_away/attempt-1") == nil, "nothing was charged")
    }

    @Test func aCallWithoutTheSharedKeysSignatureIsRefused() throws {
        let shop = try Instance([.product, .cart], peers: nil, key: Self.sharedKey())
        let other = PeerSignature(key: Self.sharedKey())
        let request = other.signed(HTTPRequest(method: "DELETE", path: "/product/v1/reservations/ord_1"))
        let headers = request.headers.filter { $0.key == PeerSignature.headerName.lowercased() }
        let forged = try RawHTTP.send("DELETE", shop.store.baseURL + "/product/v1/reservations/ord_1", headers: headers)
        #expect(forged.status == 401 && forged.serviceError?.code == "invalid_signature", "\(forged.text)")
        let unsigned = try RawHTTP.send("POST", shop.store.baseURL + "/cart/v1/internal/cart-lookups",
                                        json: #"{"cartId": "mine", "userId": "ann@example.com"}"#)
        #expect(unsigned.status == 401 && unsigned.serviceError?.code == "invalid_signature", "\(unsigned.text)")
    }

    @Test func aSubsetThatCallsAServiceItDoesNotRunNeedsPeers() throws {
        #expect(throws: PeerConfigurationError.peersNeeded(running: [.order], missing: [.product, .cart])) {
            try PeerConfigurationError.check(running: [.order], peers: nil)
        }
        #expect(throws: PeerConfigurationError.badOrigin("127.0.0.1:8080")) {
            try PeerConfigurationError.check(running: [.cart], peers: "127.0.0.1:8080")
        }
        try PeerConfigurationError.check(running: [.user, .product], peers: nil)
        try PeerConfigurationError.check(running: Set(ServiceName.allCases), peers: nil)
        #expect(throws: ServiceListError.self) { try ServiceName.parseList("cart,basket") }
        #expect(try ServiceName.parseList("order, payment") == [.order, .payment])
    }
}
