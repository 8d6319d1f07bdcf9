import Foundation
import Testing
import StoreWire
@testable import StoreServices
import TestSupport

/// Hostile text in every text field of every route — body fields, path
/// parameters, query parameters and the headers the services read — over a
/// raw loopback connection. Each answer is a 4xx JSON envelope naming the field
/// (or, for harmless text, anything but a 5xx), the shop keeps serving after
/// each, and nothing refused reaches a database.
@Suite(.serialized) struct HostileInputTests {
    /// A text field of a request body.
    struct BodyField {
        let path: String
        let limit: Int
    }

    static let addressFields: [(String, Int)] = [
        ("name", TextLimits.name), ("line1", TextLimits.addressLine), ("line2", TextLimits.addressLine),
        ("city", TextLimits.city), ("postcode", TextLimits.postcode), ("country", TextLimits.country),
    ]

    static let address: [String: Any] = [
        "name": "Ann Shopper", "line1": "1 Queen Street", "line2": "", "city": "Auckland", "postcode": "1010",
        "country": "New Zealand",
    ]

    @Test func everyBodyTextFieldRefusesControlCharactersAndOverlongValues() throws {
        let hostile = try HostileShop(); defer { hostile.stop() }
        let intent = try hostile.intent
        let usersBefore = try count(hostile.shop, UserStore.fileName, "SELECT COUNT(*) AS n FROM users")
        var signUpsAccepted = 0

        func run(_ route: String, _ method: String, _ path: String, template: @escaping () -> [String: Any],
                 fields: [BodyField], headers: @escaping () -> [(String, String)] = { [] },
                 authenticated: Bool = true, extra: [String: [HostilePayload]] = [:]) throws {
            for field in fields {
                for payload in HostilePayload.forText(limit: field.limit) + (extra[field.path] ?? []) {
                    let body = try JSONTemplate(object: template()).with(field.path, token: payload.jsonToken)
                    let answer = try hostile.send(method, path, headers: headers(), json: body, authenticated: authenticated)
                    try hostile.expect(answer, payload.expectation, param: field.path, "\(route) \(field.path) ← \(payload.label)")
                    if route == "sign up", answer.status == 201 { signUpsAccepted += 1 }
                }
            }
        }

        let unique = { "fuzz-\(UUID().uuidString.prefix(12).lowercased())@example.com" }
        try run("sign up", "POST", "/user/v1/users", template: {
            ["email": unique(), "password": "long-enough-pw", "name": "Ann Shopper", "address": Self.address]
        }, fields: [BodyField(path: "email", limit: TextLimits.email), BodyField(path: "password", limit: TextLimits.password),
                    BodyField(path: "name", limit: TextLimits.name)]
            + Self.addressFields.map { BodyField(path: "address." + $0.0, limit: $0.1) },
        authenticated: false)

        try run("sign in", "POST", "/user/v1/sessions", template: { ["email": hostile.shopper.email, "password": "wrong-password"] },
                fields: [BodyField(path: "email", limit: TextLimits.email), BodyField(path: "password", limit: TextLimits.password)],
                authenticated: false)

        try run("merge", "POST", "/cart/v1/carts/mine/merge", template: { ["cartId": hostile.cartID] },
                fields: [BodyField(path: "cartId", limit: TextLimits.identifier)])

        try run("create order", "POST", "/order/v1/orders", template: { ["cartId": "mine", "deliveryAddress": Self.address] },
                fields: [BodyField(path: "cartId", limit: TextLimits.identifier)]
                    + Self.addressFields.map { BodyField(path: "deliveryAddress." + $0.0, limit: $0.1) },
                headers: { [("Idempotency-Key", UUID().uuidString)] })

        // A card the issuer declines: whatever passes the checks charges nothing.
        let card: [String: Any] = ["number": "4000 0000 0000 0002", "expMonth": 12, "expYear": 2099, "cvc": "123",
                                   "name": "Ann Shopper"]
        try run("confirm", "POST", "/payment/v1/payment-intents/\(intent.id)/confirm",
                template: { ["clientSecret": intent.clientSecret, "card": card] },
                fields: [BodyField(path: "clientSecret", limit: TextLimits.paymentToken),
                         BodyField(path: "card.number", limit: TextLimits.cardNumber),
                         BodyField(path: "card.cvc", limit: TextLimits.cardCode),
                         BodyField(path: "card.name", limit: TextLimits.name)],
                extra: ["card.number": HostilePayload.lookalikeCardNumbers])

        let usersAfter = try count(hostile.shop, UserStore.fileName, "SELECT COUNT(*) AS n FROM users")
        #expect(usersAfter == usersBefore + signUpsAccepted, "only the sign-ups answered 201 made accounts")
        #expect(try hostile.shopper.order(hostile.order.id).status == .pendingPayment, "nothing was charged")
        try Self.expectNoRefusedTextStored(hostile.shop)
    }

    @Test func everyPathParameterRefusesControlCharactersAndOverlongValues() throws {
        let hostile = try HostileShop(); defer { hostile.stop() }
        let intent = try hostile.intent
        let cart = hostile.cartID, product = hostile.product.id, order = hostile.order.id
        let slots: [(method: String, param: String, limit: Int, path: (String) -> String, body: String?)] = [
            ("GET", "id", TextLimits.identifier, { "/product/v1/products/\($0)" }, nil),
            ("GET", "id", TextLimits.identifier, { "/cart/v1/carts/\($0)" }, nil),
            ("PUT", "id", TextLimits.identifier, { "/cart/v1/carts/\($0)/items/\(product)" }, #"{"quantity": 1}"#),
            ("PUT", "productId", TextLimits.identifier, { "/cart/v1/carts/\(cart)/items/\($0)" }, #"{"quantity": 1}"#),
            ("DELETE", "productId", TextLimits.identifier, { "/cart/v1/carts/\(cart)/items/\($0)" }, nil),
            ("DELETE", "id", TextLimits.identifier, { "/cart/v1/carts/\($0)/items" }, nil),
            ("GET", "id", TextLimits.identifier, { "/order/v1/orders/\($0)" }, nil),
            ("POST", "id", TextLimits.identifier, { "/order/v1/orders/\($0)/cancel" }, nil),
            ("POST", "id", TextLimits.paymentToken, { "/payment/v1/payment-intents/\($0)/confirm" },
             #"{"clientSecret": "\#(intent.clientSecret)", "card": {"number": "4000000000000002", "expMonth": 12, "expYear": 2099, "cvc": "123", "name": "A"}}"#),
        ]
        for slot in slots {
            for payload in HostilePayload.forText(limit: slot.limit) {
                guard let text = payload.text else { continue }
                let path = slot.path(HostileShop.percentEncoded(text))
                let answer = try hostile.send(slot.method, path, json: slot.body)
                try hostile.expect(answer, payload.expectation, sentInHead: text, param: slot.param,
                                   "\(slot.method) \(slot.path(":\(slot.param)")) ← \(payload.label)")
            }
        }
        #expect(try hostile.shopper.order(order).status == .pendingPayment)
        try Self.expectNoRefusedTextStored(hostile.shop)
    }

    @Test func everyQueryParameterAndReadHeaderRefusesControlCharactersAndOverlongValues() throws {
        let hostile = try HostileShop(); defer { hostile.stop() }
        let query: [(String, Int)] = [("q", TextLimits.searchQuery), ("category", TextLimits.identifier),
                                      ("featured", TextLimits.identifier), ("limit", TextLimits.identifier),
                                      ("offset", TextLimits.identifier), ("unknown", TextLimits.identifier)]
        for (name, limit) in query {
            for payload in HostilePayload.forText(limit: limit) {
                guard let text = payload.text else { continue }
                let answer = try hostile.send("GET", "/product/v1/products?\(name)=\(HostileShop.percentEncoded(text))")
                try hostile.expect(answer, payload.expectation, sentInHead: text, param: name, "?\(name)= ← \(payload.label)")
            }
        }
        // Headers carry no CR, LF or NUL in HTTP/1.1 (see the raw request tests); every other payload is sent.
        let orderBody = #"{"cartId": "mine", "deliveryAddress": {"name": "A", "line1": "1 Queen St", "city": "Auckland", "postcode": "1010"}}"#
        for payload in HostilePayload.forText(limit: TextLimits.bearerToken) {
            guard let text = payload.text, !Self.breaksAHeaderLine(text) else { continue }
            let answer = try hostile.send("GET", "/user/v1/users/me", headers: [("Authorization", "Bearer " + text)])
            let expectation: HostileExpectation
            if case .notRefusedAsText = payload.expectation { expectation = .clientError } else { expectation = payload.expectation }
            try hostile.expect(answer, expectation, sentInHead: text, param: "Authorization", "Authorization ← \(payload.label)")
        }
        for payload in HostilePayload.forText(limit: TextLimits.idempotencyKey) {
            guard let text = payload.text, !Self.breaksAHeaderLine(text) else { continue }
            let answer = try hostile.send("POST", "/order/v1/orders", headers: [("Idempotency-Key", text)], json: orderBody)
            try hostile.expect(answer, payload.expectation, sentInHead: text, param: "Idempotency-Key", "Idempotency-Key ← \(payload.label)")
        }
        try Self.expectNoRefusedTextStored(hostile.shop)
    }

    /// The crash of the confirm route: a digit followed by a combining mark
    /// passed as a digit, and the Luhn check then stopped the process.
    @Test func aCardNumberWithACombiningMarkIsRefusedAndTheShopServesOn() throws {
        let hostile = try HostileShop(); defer { hostile.stop() }
        let intent = try hostile.intent
        let body = #"{"clientSecret": "\#(intent.clientSecret)", "card": {"number": "4\#u{301}242 4242 4242 4242", "expMonth": 12, "expYear": 2099, "cvc": "123", "name": "Ann"}}"#
        let answer = try hostile.send("POST", "/payment/v1/payment-intents/\(intent.id)/confirm", json: body)
        try hostile.expect(answer, .refused("invalid_number"), param: "card.number", "combining mark in the card number")
        #expect(try hostile.shopper.order(hostile.order.id).status == .pendingPayment)
    }

    /// A NUL used to cut the email short in the database: now nothing is stored
    /// and neither the full nor the cut email can sign in.
    @Test func aNulInTheEmailStoresNothing() throws {
        let hostile = try HostileShop(); defer { hostile.stop() }
        let before = try count(hostile.shop, UserStore.fileName, "SELECT COUNT(*) AS n FROM users")
        let signUp = #"{"email": "eve@example.com\u0000.evil.example", "password": "long-enough-pw", "name": "Eve", "address": {"name": "Eve", "line1": "1 Queen St", "city": "Auckland", "postcode": "1010"}}"#
        let answer = try hostile.send("POST", "/user/v1/users", json: signUp, authenticated: false)
        try hostile.expect(answer, .refused("invalid_characters"), param: "email", "NUL in the email")
        #expect(try count(hostile.shop, UserStore.fileName, "SELECT COUNT(*) AS n FROM users") == before)
        for email in ["eve@example.com", #"eve@example.com\u0000.evil.example"#] {
            let signIn = try hostile.send("POST", "/user/v1/sessions", json: #"{"email": "\#(email)", "password": "long-enough-pw"}"#,
                                          authenticated: false)
            #expect(signIn.status == 400 || signIn.status == 401, "\(email): \(signIn.text)")
        }
    }

    /// Text the rules allow is stored exactly as sent, at the limit included.
    @Test func unusualButHarmlessTextRoundTripsExactly() throws {
        let hostile = try HostileShop(); defer { hostile.stop() }
        let name = "\u{200F}\u{05D0}\u{05D1}\u{200E} Zoë e\u{301} \u{1F600} \u{0664}\u{0662}"
        let address = Address(name: String(repeating: "\u{1F600}", count: TextLimits.name),
                              line1: String(repeating: "l", count: TextLimits.addressLine), line2: "\u{202E}2",
                              city: String(repeating: "c", count: TextLimits.city),
                              postcode: String(repeating: "\u{0661}", count: TextLimits.postcode),
                              country: String(repeating: "n", count: TextLimits.country))
        let request = SignUpRequest(email: "zoe-\(UUID().uuidString.prefix(8).lowercased())@example.com",
                                    password: String(repeating: "p", count: TextLimits.password), name: name, address: address)
        let answer = try hostile.send("POST", "/user/v1/users",
                                      json: String(decoding: try JSONEncoder().encode(request), as: UTF8.self), authenticated: false)
        #expect(answer.status == 201, "\(answer.text.prefix(300))")
        let session = try answer.decode(Session.self)
        let me = try hostile.send("GET", "/user/v1/users/me", headers: [("Authorization", "Bearer \(session.token)")])
        let user = try me.decode(User.self)
        #expect(user.name == name)
        #expect(user.address == address)
        let signIn = SignInRequest(email: request.email, password: request.password)
        let again = try hostile.send("POST", "/user/v1/sessions",
                                     json: String(decoding: try JSONEncoder().encode(signIn), as: UTF8.self), authenticated: false)
        #expect(again.status == 200, "\(again.text.prefix(200))")
    }

    /// CR, LF and NUL end or break an HTTP/1.1 header line: libmicrohttpd refuses those requests itself.
    static func breaksAHeaderLine(_ text: String) -> Bool {
        text.unicodeScalars.contains { $0 == "\r" || $0 == "\n" || $0 == "\u{0}" }
    }

    /// No text column of the user or order databases holds a character the rules refuse.
    static func expectNoRefusedTextStored(_ shop: TestStore) throws {
        for file in [UserStore.fileName, OrderStore.fileName] {
            let database = try SQLiteDatabase(url: shop.dataDirectory.appendingPathComponent(file))
            defer { database.close() }
            let tables = try database.query("SELECT name FROM sqlite_master WHERE type = 'table'").map { $0.string("name") }
            for table in tables {
                for row in try database.query("SELECT * FROM \"\(table)\"") {
                    for (column, value) in zip(row.columns, row.values) {
                        guard case .text(let text) = value else { continue }
                        #expect(!text.unicodeScalars.contains(where: TextRules.isRefused),
                                 "\(file) \(table).\(column) holds a refused character")
                    }
                }
            }
        }
    }
}
