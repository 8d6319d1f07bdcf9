import Foundation
import StoreCore

/// Values built from the real StoreCore types, as the services would answer.
enum Fixture {
    /// 2026-09-15 UTC.
    static let now = Date(timeIntervalSince1970: 1_789_430_400)
    static let config = AppConfig(endpointLabel: "test shop", instanceID: "run-1", now: now)

    static func product(_ id: String, _ name: String, _ cents: Int, _ kind: ProductKind = .physical,
                        stock: Int = 20, category: String = "BOOKS") -> Product {
        Product(id: id, name: name, description: "A fine thing called \(name). It is worth reading twice.",
                category: category, kind: kind, price: Money(cents), stock: stock,
                attributes: [ProductAttribute("Author", "Someone"), ProductAttribute("Pages", "412")])
    }

    static let dune = product("p-dune", "Dune", 2499)
    static let threeBody = product("p-3body", "三体 The Three-Body Problem", 3299, stock: 3)
    static let cafe = product("p-cafe", "Crème brûlée for Beginners", 1850)
    static let ebook = product("p-ebook", "Swift on the Server (ebook)", 1500, .digital, stock: 0)
    static let laptop = product("p-laptop", "Laptop Pro 14", 249_900, stock: 0, category: "COMPUTERS")

    static let categories = [Category(id: "BOOKS", name: "Books", productCount: 40),
                             Category(id: "COMPUTERS", name: "Computers", productCount: 21)]

    static func page(_ items: [Product], total: Int? = nil, offset: Int = 0) -> ProductPage {
        ProductPage(items: items, total: total ?? items.count, limit: ProductQuery.pageSize, offset: offset)
    }

    static func cart(_ id: String = "cart-anon", _ lines: [(Product, Int)]) -> Cart {
        let cartLines = lines.map { product, quantity in
            CartLine(productId: product.id, name: product.name, kind: product.kind, unitPrice: product.price,
                     quantity: quantity, lineTotal: Money(product.price.amount * quantity, product.price.currency))
        }
        // Fixture prices are small; the totals always fit.
        guard let totals = Totals(lines: cartLines.map { ($0.kind, $0.lineTotal.amount) }) else {
            preconditionFailure("fixture totals overflow")
        }
        return Cart(id: id, lines: cartLines, subtotal: totals.subtotal, tax: totals.tax, shipping: totals.shipping,
                    total: totals.total, itemCount: lines.reduce(0) { $0 + $1.1 })
    }

    static let address = Address(name: "Ana Smith", line1: "1 Queen Street", city: "Auckland", postcode: "1010")
    static let user = User(id: "u-1", email: "ana@example.com", name: "Ana Smith", address: address)
    static let session = Session(token: "token-1", expiresAt: 1_999_999_999, user: user)

    static func order(_ number: String = "TBS-7Q4K2M", status: OrderStatus = .pendingPayment,
                      lines: [(Product, Int)] = [(dune, 1)], cancellable: Bool = false) -> Order {
        let cart = cart("mine", lines)
        return Order(id: "o-\(number)", number: number, status: status, createdAt: "2026-09-15T10:00:00Z",
                     email: user.email,
                     lines: cart.lines.map { OrderLine(productId: $0.productId, name: $0.name, kind: $0.kind,
                                                       unitPrice: $0.unitPrice, quantity: $0.quantity,
                                                       lineTotal: $0.lineTotal) },
                     subtotal: cart.subtotal, tax: cart.tax, shipping: cart.shipping, total: cart.total,
                     deliveryAddress: address, card: status == .pendingPayment ? nil : CardSummary(brand: .visa, last4: "4242"),
                     shipment: status == .pendingPayment ? nil : Shipment(status: "AWAITING_DISPATCH", trackingNumber: "NZP123456"),
                     paymentIntent: status == .pendingPayment
                        ? PaymentIntent(id: "pi-\(number)", clientSecret: "secret-\(number)", amount: cart.total) : nil,
                     cancellable: cancellable)
    }

    /// Nothing listens where the client looked.
    static let refused = APIError.unreachable(ConnectionFailure(
        .refused, host: "127.0.0.1", port: 8080, detail: "GET http://127.0.0.1:8080/product/v1/products: Connection refused"))

    static func serviceError(_ status: Int, type: String = "invalid_request_error", code: String,
                             _ message: String, param: String? = nil) -> APIError {
        .service(status: status, ServiceError(type: type, code: code, message: message, param: param))
    }
}

/// Drives the pure program as the event loop would: messages in, commands out.
struct Harness {
    var state: AppState
    /// Commands returned by the last message.
    var commands: [Command]

    init(keymap: Keymap = .standard) {
        (state, commands) = Storefront.start(Fixture.config, keymap: keymap)
    }

    var requests: [APIRequest] {
        commands.compactMap { if case .request(let request) = $0 { return request }; return nil }
    }

    @discardableResult
    mutating func send(_ message: Message) -> [Command] {
        commands = Storefront.update(&state, message)
        return commands
    }

    @discardableResult
    mutating func press(_ keys: Key...) -> [Command] {
        var all: [Command] = []
        for key in keys { all += send(.input(.key(key))) }
        commands = all
        return all
    }

    mutating func type(_ text: String) {
        var all: [Command] = []
        for character in text { all += send(.input(.key(.character(character)))) }
        commands = all
    }

    @discardableResult
    mutating func answer(_ request: APIRequest, _ response: APIResponse) -> [Command] {
        send(.response(request, .success(response)))
    }

    @discardableResult
    mutating func fail(_ request: APIRequest, _ error: APIError) -> [Command] {
        send(.response(request, .failure(error)))
    }

    /// Answers every request of the last message with `respond`, until none are left.
    mutating func answerAll(_ respond: (APIRequest) -> Result<APIResponse, APIError>?) {
        var pending = requests
        var rounds = 0
        while let request = pending.first, rounds < 50 {
            pending.removeFirst()
            rounds += 1
            guard let result = respond(request) else { continue }
            pending += send(.response(request, result)).compactMap {
                if case .request(let next) = $0 { return next }; return nil
            }
        }
    }

    func screen(_ columns: Int = 80, _ rows: Int = 24) -> String {
        Storefront.view(state, size: Size(columns: columns, rows: rows)).text
    }

    func grid(_ columns: Int = 80, _ rows: Int = 24) -> Grid {
        Storefront.view(state, size: Size(columns: columns, rows: rows))
    }
}

extension Harness {
    /// Home loaded, catalogue open on page 1 with the fixture products.
    static func inCatalogue(_ items: [Product] = [Fixture.cafe, Fixture.dune, Fixture.laptop, Fixture.ebook, Fixture.threeBody],
                            total: Int? = nil) -> Harness {
        var harness = Harness()
        harness.answer(.products(ProductQuery(featured: true)), .products(Fixture.page([Fixture.dune])))
        harness.press(.character("s"))
        harness.answer(.categories, .categories(Fixture.categories))
        harness.answer(.products(ProductQuery()), .products(Fixture.page(items, total: total)))
        return harness
    }

    /// A cart holding the given lines, answered by the server.
    static func withCart(_ lines: [(Product, Int)], signedIn: Bool = false) -> Harness {
        var harness = Harness.inCatalogue()
        if signedIn {
            harness.state.session = Fixture.session
            harness.state.cart.id = StoreAPIPaths.myCart
        } else {
            harness.state.cart.id = "cart-anon"
        }
        harness.state.cart.cart = Fixture.cart(signedIn ? StoreAPIPaths.myCart : "cart-anon", lines)
        harness.press(.character("c"))
        if let request = harness.requests.first {
            harness.answer(request, .cart(Fixture.cart(signedIn ? StoreAPIPaths.myCart : "cart-anon", lines)))
        }
        return harness
    }
}
