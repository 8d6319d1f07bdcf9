import Foundation
import Testing
import StoreWire
@testable import StoreServices
import TestSupport

/// A shop for the commerce tests: fast password hashing, and optionally the
/// OrderPurchased dispatcher paused so a test decides when events are delivered.
func commerceShop(pipelinePaused: Bool = false, smtpURL: String? = nil) throws -> TestStore {
    try TestStore(options: .init(smtpURL: smtpURL, passwordIterations: 1_000, pipelinePaused: pipelinePaused))
}

let aucklandAddress = Address(name: "Ann Shopper", line1: "1 Queen Street", city: "Auckland", postcode: "1010")

/// A signed-in shopper talking to the shop over real HTTP.
struct Shopper {
    let shop: TestStore
    let session: Session

    var email: String { session.user.email }
    var auth: [String: String] { ["Authorization": "Bearer \(session.token)"] }

    /// Signs up a new shopper with a unique email.
    static func signUp(_ shop: TestStore, name: String = "Ann Shopper") throws -> Shopper {
        let email = "shopper-\(UUID().uuidString.prefix(8).lowercased())@example.com"
        let request = SignUpRequest(email: email, password: "long-enough-pw", name: name, address: aucklandAddress)
        let answer = try shop.send("POST", "/user/v1/users", json: String(decoding: try JSONEncoder().encode(request), as: UTF8.self))
        #expect(answer.status == 201, "sign up: \(answer.text)")
        return Shopper(shop: shop, session: try answer.decode(Session.self))
    }

    func send(_ method: String, _ path: String, json: String? = nil, headers: [String: String] = [:]) throws -> RawResponse {
        let all = auth.merging(headers) { _, new in new }
        if let json { return try shop.send(method, path, json: json, headers: all) }
        return try shop.send(method, path, headers: all)
    }

    /// Puts `quantity` of each product into the shopper's own cart.
    func fillCart(_ items: [(id: String, quantity: Int)]) throws {
        for item in items {
            let answer = try send("PUT", "/cart/v1/carts/mine/items/\(item.id)", json: #"{"quantity": \#(item.quantity)}"#)
            #expect(answer.status == 200, "cart \(item.id): \(answer.text)")
        }
    }

    func createOrder(key: String = UUID().uuidString, cartId: String = "mine",
                     address: Address? = aucklandAddress) throws -> RawResponse {
        let body = String(decoding: try JSONEncoder().encode(CreateOrderRequest(cartId: cartId, deliveryAddress: address)), as: UTF8.self)
        return try send("POST", "/order/v1/orders", json: body, headers: ["Idempotency-Key": key])
    }

    /// Creates an order that must succeed.
    func placeOrder(_ items: [(id: String, quantity: Int)], address: Address? = aucklandAddress) throws -> Order {
        try fillCart(items)
        let answer = try createOrder(address: address)
        #expect(answer.status == 201, "create order: \(answer.text)")
        return try answer.decode(Order.self)
    }

    /// Confirms the order's payment intent; `key` names the payment attempt (Idempotency-Key).
    func pay(_ order: Order, card: CardDetails = testCard("4242424242424242"), secret: String? = nil,
             key: String? = nil) throws -> RawResponse {
        let intent = try #require(order.paymentIntent)
        let request = ConfirmPaymentRequest(clientSecret: secret ?? intent.clientSecret, card: card)
        let body = String(decoding: try JSONEncoder().encode(request), as: UTF8.self)
        return try send("POST", "/payment/v1/payment-intents/\(intent.id)/confirm", json: body,
                        headers: key.map { ["Idempotency-Key": $0] } ?? [:])
    }

    func order(_ id: String) throws -> Order {
        let answer = try send("GET", "/order/v1/orders/\(id)")
        #expect(answer.status == 200, "get order: \(answer.text)")
        return try answer.decode(Order.self)
    }

    /// The order history: placed orders only.
    func orders() throws -> [Order] {
        try send("GET", "/order/v1/orders").decode([Order].self)
    }

    /// Every order stored for this shopper, awaiting payment or not, counted in the order database.
    func storedOrderCount() throws -> Int {
        try count(shop, OrderStore.fileName, "SELECT COUNT(*) AS n FROM orders WHERE user_id = ?", session.user.id)
    }
}

func testCard(_ number: String, cvc: String? = nil) -> CardDetails {
    let isAmex = number.hasPrefix("34") || number.hasPrefix("37")
    return CardDetails(number: number, expMonth: 12, expYear: Calendar.current.component(.year, from: Date()) + 3,
                       cvc: cvc ?? (isAmex ? "7391" : "918"), name: "Ann Shopper")
}

/// Catalogue products a test can rely on, read over HTTP.
struct CatalogueSample {
    let physical: Product
    let secondPhysical: Product
    let digital: Product

    init(_ shop: TestStore) throws {
        let products = try shop.send("GET", "/product/v1/products?limit=100").decode(ProductPage.self).items
        let stocked = products.filter { $0.kind == .physical && $0.stock >= 5 }
        physical = try #require(stocked.first)
        secondPhysical = try #require(stocked.dropFirst().first)
        digital = try #require(products.first { $0.kind == .digital })
    }
}

/// Files under the maildir's `new/` folder, as text.
func maildirMessages(_ shop: TestStore) throws -> [String] {
    let folder = shop.dataDirectory.appendingPathComponent("maildir/new")
    guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder.path) else { return [] }
    return try names.sorted().map { try String(contentsOf: folder.appendingPathComponent($0), encoding: .utf8) }
}

/// Runs a count query on one of the shop's databases, opened on its own connection.
func count(_ shop: TestStore, _ file: String, _ sql: String, _ arguments: SQLBindable?...) throws -> Int {
    let database = try SQLiteDatabase(url: shop.dataDirectory.appendingPathComponent(file))
    defer { database.close() }
    return try database.query(sql, arguments: arguments).first?.int("n") ?? -1
}

/// Polls until `condition` holds or `timeout` passes.
func eventually(timeout: TimeInterval = 5, _ condition: () throws -> Bool) rethrows -> Bool {
    let deadline = Date().addingTimeInterval(timeout)
    while Date() < deadline {
        if try condition() { return true }
        Thread.sleep(forTimeInterval: 0.02)
    }
    return try condition()
}
