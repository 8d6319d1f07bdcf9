import Foundation
import Testing
import StoreHTTP
import StoreWire
@testable import StoreServices
import TestSupport

/// Lines a service writes, kept for a test to read (from any thread).
final class LogLines: @unchecked Sendable {
    private let lock = NSLock()
    private var lines: [String] = []
    var log: ServiceLog { ServiceLog { [self] line in lock.lock(); lines.append(line); lock.unlock() } }
    var all: [String] { lock.lock(); defer { lock.unlock() }; return lines }
    func with(trace traceID: String) -> [String] { all.filter { $0.contains("-\(traceID)-") } }
}

/// Exchanges a client made, kept for a test to read.
final class Exchanges: @unchecked Sendable {
    private let lock = NSLock()
    private var records: [HTTPExchangeRecord] = []
    var observer: HTTPExchangeObserver { { [self] record in lock.lock(); records.append(record); lock.unlock() } }
    var all: [HTTPExchangeRecord] { lock.lock(); defer { lock.unlock() }; return records }
    func last(_ method: String, _ path: String) -> HTTPExchangeRecord? {
        all.last { $0.method == method && $0.path == path }
    }
}

/// W3C `traceparent`: sent by the client with every call, logged by the
/// services with each request and passed on to the calls and events it causes.
@Suite struct TraceTests {
    @Test func aTraceparentIsParsedOnlyWhenWellFormed() {
        let valid = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"
        #expect(TraceParent(header: valid)?.traceID == "4bf92f3577b34da6a3ce929d0e0e4736")
        #expect(TraceParent(header: valid)?.description == valid)
        #expect(TraceParent(header: "01-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01-later")?.sampled == true,
                "a later version is read by its first four fields")
        for bad in ["", "garbage", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7", "00-4BF92F3577B34DA6A3CE929D0E0E4736-00f067aa0ba902b7-01",
                    "00-00000000000000000000000000000000-00f067aa0ba902b7-01", "00-4bf92f3577b34da6a3ce929d0e0e4736-0000000000000000-01",
                    "ff-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01-x",
                    "00-4bf92f3577b34da6a3ce929d0e0e473-600f067aa0ba902b7-01"] {
            #expect(TraceParent(header: bad) == nil, "\(bad)")
        }
        let fresh = TraceParent.newTrace()
        #expect(TraceParent(header: fresh.description) == fresh)
        #expect(fresh.child().traceID == fresh.traceID && fresh.child().spanID != fresh.spanID)
        #expect(TraceParent.newTrace().traceID != fresh.traceID)
    }

    @Test func theClientSendsATraceparentAndTheServiceLogsIt() throws {
        let lines = LogLines()
        var options = TestStore.fastOptions
        options.log = lines.log
        let shop = try TestStore(options: options); defer { shop.stop() }
        let exchanges = Exchanges()
        let client = StoreClient(baseURL: shop.baseURL, observer: exchanges.observer)
        _ = try client.categories()
        let record = try #require(exchanges.last("GET", "/product/v1/categories"))
        #expect(record.status == 200 && record.idempotencyKey == nil && record.failure == nil)
        let sent = try #require(TraceParent(header: record.traceparent))
        #expect(sent.sampled)
        #expect(lines.all.contains { $0.hasPrefix("GET /product/v1/categories 200 ") && $0.hasSuffix("traceparent=\(sent)") },
                "\(lines.all)")

        _ = try client.categories()
        let second = try #require(exchanges.all.last.flatMap { TraceParent(header: $0.traceparent) })
        #expect(second.traceID != sent.traceID, "each call starts its own trace")
    }

    @Test func aMalformedTraceparentIsIgnoredAndANewTraceStarted() throws {
        let lines = LogLines()
        var options = TestStore.fastOptions
        options.log = lines.log
        let shop = try TestStore(options: options); defer { shop.stop() }
        for bad in ["garbage", "00-zz-00f067aa0ba902b7-01", String(repeating: "0", count: 200)] {
            let answer = try shop.send("GET", "/product/v1/categories", headers: ["traceparent": bad])
            #expect(answer.status == 200, "\(bad): \(answer.text)")
        }
        let logged = lines.all.filter { $0.hasPrefix("GET /product/v1/categories 200 ") }
        #expect(logged.count == 3)
        for line in logged {
            let value = try #require(line.components(separatedBy: "traceparent=").last)
            #expect(TraceParent(header: value) != nil, "\(line)")
        }
    }

    /// One order through three instances behind a gateway: the order
    /// instance's call to the product service, the payment's event to the
    /// order service and the pipeline's call to the cart service each carry
    /// the trace id of the client's request that caused them.
    @Test func peerCallsAndEventsCarryTheTraceOfTheRequestThatCausedThem() throws {
        let gateway = try ServiceGateway()
        defer { gateway.stop() }
        let key = SplitServicesTests.sharedKey()
        let (catalogueLog, checkoutLog) = (LogLines(), LogLines())
        let catalogue = try SplitServicesTests.Instance([.product, .cart], peers: gateway.baseURL, key: key,
                                                        log: catalogueLog.log)
        let accounts = try SplitServicesTests.Instance([.user], peers: nil, key: key)
        let checkout = try SplitServicesTests.Instance([.order, .payment], peers: gateway.baseURL, key: key,
                                                       log: checkoutLog.log)
        try gateway.start(routes: [
            "/product/v1/": catalogue.store.baseURL, "/cart/v1/": catalogue.store.baseURL,
            "/user/v1/": accounts.store.baseURL,
            "/order/v1/": checkout.store.baseURL, "/payment/v1/": checkout.store.baseURL,
        ])
        let exchanges = Exchanges()
        let client = StoreClient(baseURL: gateway.baseURL, observer: exchanges.observer)
        let session = try client.signUp(SignUpRequest(email: "trace-\(UUID().uuidString.prefix(8).lowercased())@example.com",
                                                      password: "long-enough-pw", name: "Ann Shopper", address: aucklandAddress))
        let book = try #require(try client.products(ProductQuery(limit: 100)).items.first { $0.kind == .physical && $0.stock >= 5 })
        _ = try client.setQuantity(cartID: StoreAPIPaths.myCart, productID: book.id, quantity: 1, token: session.token)
        let orderKey = UUID().uuidString
        let order = try client.createOrder(CreateOrderRequest(cartId: StoreAPIPaths.myCart, deliveryAddress: aucklandAddress),
                                           idempotencyKey: orderKey, token: session.token)
        let created = try #require(exchanges.last("POST", "/order/v1/orders"))
        #expect(created.status == 201 && created.idempotencyKey == orderKey)
        let orderTrace = try #require(TraceParent(header: created.traceparent)).traceID
        #expect(checkoutLog.with(trace: orderTrace).contains { $0.hasPrefix("POST /order/v1/orders 201 ") })
        #expect(catalogueLog.with(trace: orderTrace).contains { $0.hasPrefix("PUT /product/v1/reservations/") },
                "the order service's call to the product service: \(catalogueLog.all)")

        let intent = try #require(order.paymentIntent)
        _ = try client.confirmPayment(intentID: intent.id,
                                      ConfirmPaymentRequest(clientSecret: intent.clientSecret, card: testCard("4242424242424242")),
                                      token: session.token, idempotencyKey: UUID().uuidString)
        let paid = try #require(exchanges.all.last { $0.path.hasPrefix("/payment/v1/payment-intents/") })
        let payTrace = try #require(TraceParent(header: paid.traceparent)).traceID
        #expect(checkoutLog.with(trace: payTrace).contains { $0.hasPrefix("POST /order/v1/payment-events 200 ") },
                "the payment service's event to the order service: \(checkoutLog.all)")
        #expect(eventually(timeout: 10) {
            checkoutLog.with(trace: payTrace).contains { $0.hasPrefix("OrderPurchased ") && $0.contains(" receipt handled") }
        }, "the pipeline's consumers log the trace: \(checkoutLog.all)")
        #expect(eventually(timeout: 10) {
            catalogueLog.with(trace: payTrace).contains { $0.hasPrefix("POST /cart/v1/internal/ordered-lines ") }
        }, "the pipeline's call to the cart service carries the payment's trace: \(catalogueLog.all)")
        let spans = Set(checkoutLog.with(trace: payTrace).compactMap {
            $0.components(separatedBy: "traceparent=").last.flatMap(TraceParent.init(header:))?.spanID
        })
        #expect(spans.count >= 2, "each hop has a span of its own")
    }
}
