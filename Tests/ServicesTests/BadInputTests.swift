import Foundation
import Testing
import StoreWire
import TestSupport

/// Bad requests get a fitting 4xx with the JSON error envelope, and the
/// server keeps serving afterwards.
@Suite struct BadInputTests {
    /// Checks the envelope and that the server still answers a good request.
    static func expectError(_ answer: RawResponse, status: Int, code: String? = nil, param: String? = nil,
                            on shop: TestStore, _ what: String) throws {
        #expect(answer.status == status, "\(what): \(answer.status) \(answer.text)")
        #expect(answer.header("content-type")?.hasPrefix("application/json") == true, "\(what)")
        let object = try #require(answer.jsonObject?["error"] as? [String: Any], "\(what): \(answer.text)")
        #expect(object["type"] is String && object["code"] is String, "\(what)")
        #expect(Set(object.keys) == ["type", "code", "message", "param"], "\(what): \(answer.text)")
        #expect((object["message"] as? String)?.isEmpty == false, "\(what)")
        if let code { #expect(answer.serviceError?.code == code, "\(what): \(answer.text)") }
        if let param { #expect(answer.serviceError?.param == param, "\(what): \(answer.text)") }
        #expect(try shop.send("GET", "/product/v1/categories").status == 200, "not serving after \(what)")
    }

    @Test func malformedJSONIs400() throws {
        let shop = try TestStore(options: TestStore.fastOptions); defer { shop.stop() }
        let cart = try CartClient(shop: shop).create()
        let path = "/cart/v1/carts/\(cart.id)/items/dune-ebook"
        for body in [#"{"quantity": "#, "quantity=3", "{'quantity': 3}", "", "   ", "\u{0}\u{1}", #"{"quantity": 3}}"#] {
            try Self.expectError(try shop.send("PUT", path, json: body), status: 400, code: "invalid_json",
                                 on: shop, "body \(body.debugDescription)")
        }
        let bytes = Data([0xFF, 0xFE, 0x00, 0x7B])
        try Self.expectError(try shop.send("PUT", path, headers: ["Content-Type": "application/json"], body: bytes),
                             status: 400, on: shop, "binary body")
        try Self.expectError(try shop.send("PUT", path, json: "[1, 2]"), status: 400, on: shop, "an array")
    }

    @Test func wrongTypesAndMissingFieldsAre422NamingTheField() throws {
        let shop = try TestStore(options: TestStore.fastOptions); defer { shop.stop() }
        let cart = try CartClient(shop: shop).create()
        let path = "/cart/v1/carts/\(cart.id)/items/dune-ebook"
        for body in [#"{"quantity": "3"}"#, #"{"quantity": 2.5}"#, #"{"quantity": true}"#, #"{"quantity": null}"#,
                     #"{"quantity": [1]}"#, "{}", #"{"qty": 1}"#] {
            try Self.expectError(try shop.send("PUT", path, json: body), status: 422, code: "invalid_field",
                                 param: "quantity", on: shop, body)
        }
        #expect(try shop.send("GET", "/cart/v1/carts/\(cart.id)").decode(Cart.self).lines.isEmpty)
    }

    @Test func unknownIdsAre404() throws {
        let shop = try TestStore(options: TestStore.fastOptions); defer { shop.stop() }
        try Self.expectError(try shop.send("GET", "/product/v1/products/%E2%9C%97"), status: 404,
                             code: "product_not_found", on: shop, "product")
        try Self.expectError(try shop.send("GET", "/cart/v1/carts/nope"), status: 404, code: "cart_not_found",
                             on: shop, "cart")
    }

    @Test func unknownRoutesAre404AndWrongMethods405WithAllow() throws {
        let shop = try TestStore(options: TestStore.fastOptions); defer { shop.stop() }
        for path in ["/", "/product", "/product/v2/products", "/product/v1/products/a/b", "/nothing/here?x=1"] {
            try Self.expectError(try shop.send("GET", path), status: 404, on: shop, path)
        }
        let wrong = try shop.send("DELETE", "/product/v1/products")
        try Self.expectError(wrong, status: 405, code: "method_not_allowed", on: shop, "DELETE products")
        #expect(wrong.header("allow") == "GET")
        let put = try shop.send("PATCH", "/cart/v1/carts/abc/items/x", json: "{}")
        try Self.expectError(put, status: 405, on: shop, "PATCH line")
        #expect(Set((put.header("allow") ?? "").components(separatedBy: ", ")) == ["PUT", "DELETE"])
    }

    @Test func bodyOverTheLimitIs413() throws {
        let shop = try TestStore(options: { var o = TestStore.fastOptions; o.bodyLimit = 64 * 1024; return o }()); defer { shop.stop() }
        let cart = try CartClient(shop: shop).create()
        let path = "/cart/v1/carts/\(cart.id)/items/dune-ebook"
        let padding = String(repeating: " ", count: 64 * 1024)
        try Self.expectError(try shop.send("PUT", path, json: #"{"quantity": 1}"# + padding), status: 413,
                             code: "body_too_large", on: shop, "64 KiB + 15 bytes")
        try Self.expectError(try shop.send("PUT", path, body: Data(count: 3 << 20)), status: 413,
                             code: "body_too_large", on: shop, "3 MiB")
        // Just under the limit is fine.
        let fits = try shop.send("PUT", path, json: #"{"quantity": 1}"# + String(repeating: " ", count: 60 * 1024))
        #expect(fits.status == 200, "\(fits.text)")
    }

    @Test func defaultBodyLimitIsOneMebibyte() throws {
        let shop = try TestStore(options: TestStore.fastOptions); defer { shop.stop() }
        let cart = try CartClient(shop: shop).create()
        let path = "/cart/v1/carts/\(cart.id)/items/dune-ebook"
        try Self.expectError(try shop.send("PUT", path, body: Data(count: (1 << 20) + 1)), status: 413,
                             code: "body_too_large", on: shop, "1 MiB + 1")
    }

    @Test func manyRequestsAtOnceAreAllAnswered() throws {
        let shop = try TestStore(options: TestStore.fastOptions); defer { shop.stop() }
        let cart = try CartClient(shop: shop).create()
        let statuses = Locked<[Int]>([])
        DispatchQueue.concurrentPerform(iterations: 40) { index in
            let answer: RawResponse?
            switch index % 4 {
            case 0: answer = try? shop.send("GET", "/product/v1/products?q=book")
            case 1: answer = try? shop.send("PUT", "/cart/v1/carts/\(cart.id)/items/dune-ebook", json: #"{"quantity": \#(index % 99)}"#)
            case 2: answer = try? shop.send("PUT", "/cart/v1/carts/\(cart.id)/items/dune-ebook", json: "{oops")
            default: answer = try? shop.send("GET", "/no/such/route")
            }
            statuses.mutate { $0.append(answer?.status ?? -1) }
        }
        let all = statuses.value
        #expect(all.count == 40)
        #expect(!all.contains(-1), "a connection failed: \(all)")
        #expect(Set(all).isSubset(of: [200, 400, 404]), "\(all)")
    }
}

/// A value shared between threads.
final class Locked<Value>: @unchecked Sendable {
    private var stored: Value
    private let lock = NSLock()
    init(_ value: Value) { stored = value }
    var value: Value { lock.lock(); defer { lock.unlock() }; return stored }
    func mutate(_ change: (inout Value) -> Void) { lock.lock(); defer { lock.unlock() }; change(&stored) }
}
