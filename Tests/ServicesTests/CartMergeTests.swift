import Foundation
import Testing
import StoreWire
@testable import StoreServices
import TestSupport

/// Accepts tokens of the form "token-for:<user id>": the cart service's view
/// of signed-in users, without the user service.
final class NamedTokens: BearerTokenVerifier {
    func userID(forToken token: String) -> String? {
        token.hasPrefix("token-for:") ? String(token.dropFirst("token-for:".count)) : nil
    }
}

/// The product and cart services on a host of their own with `NamedTokens`,
/// over real HTTP, for the signed-in user's cart.
final class CartHost {
    let directory: URL
    let host: ServiceHost
    let service: CartService
    let products: ProductStore
    let baseURL: String

    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("cart-host-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        products = try ProductStore(dataDirectory: directory)
        service = CartService(catalog: products, verifier: NamedTokens())
        let router = Router()
        ProductService(store: products).register(on: router)
        service.register(on: router)
        host = ServiceHost(router: router)
        baseURL = "http://127.0.0.1:\(try host.start(port: 0))"
    }

    func stop() {
        host.stop()
        try? FileManager.default.removeItem(at: directory)
    }

    func send(_ method: String, _ path: String, json: String? = nil, user: String? = nil) throws -> RawResponse {
        let headers = user.map { ["Authorization": "Bearer token-for:\($0)"] } ?? [:]
        if let json { return try RawHTTP.send(method, baseURL + path, json: json, headers: headers) }
        return try RawHTTP.send(method, baseURL + path, headers: headers)
    }

    func set(_ cart: String, _ product: String, _ quantity: Int, user: String? = nil) throws -> Cart {
        let answer = try send("PUT", "/cart/v1/carts/\(cart)/items/\(product)", json: #"{"quantity": \#(quantity)}"#, user: user)
        #expect(answer.status == 200, "\(answer.text)")
        return try answer.decode(Cart.self)
    }
}

@Suite struct CartMergeTests {
    @Test func myCartBelongsToTheTokensUserAndStartsEmpty() throws {
        let shop = try CartHost(); defer { shop.stop() }
        let empty = try shop.send("GET", "/cart/v1/carts/mine", user: "ana@example.com").decode(Cart.self)
        #expect(empty.id == "mine" && empty.lines.isEmpty)
        try shop.set("mine", "dune-ebook", 2, user: "ana@example.com")
        #expect(try shop.send("GET", "/cart/v1/carts/mine", user: "ana@example.com").decode(Cart.self).itemCount == 2)
        #expect(try shop.send("GET", "/cart/v1/carts/mine", user: "bo@example.com").decode(Cart.self).itemCount == 0)
    }

    @Test func mergeAddsQuantitiesCappedByStockAnd99ThenDeletesTheAnonymousCart() throws {
        let shop = try CartHost(); defer { shop.stop() }
        let all = try RawHTTP.send("GET", shop.baseURL + "/product/v1/products?limit=100").decode(ProductPage.self).items
        let scarce = try #require(all.first { $0.kind == .physical && (2...5).contains($0.stock) })
        let digital = try #require(all.first { $0.kind == .digital })
        let other = try #require(all.first { $0.kind == .digital && $0.id != digital.id })
        let user = "merge@example.com"

        try shop.set("mine", scarce.id, scarce.stock - 1, user: user)
        try shop.set("mine", digital.id, 60, user: user)
        let anonymous = try shop.send("POST", "/cart/v1/carts").decode(Cart.self).id
        try shop.set(anonymous, scarce.id, 2)
        try shop.set(anonymous, digital.id, 60)
        try shop.set(anonymous, other.id, 1)

        let merged = try shop.send("POST", "/cart/v1/carts/mine/merge", json: #"{"cartId": "\#(anonymous)"}"#, user: user)
        #expect(merged.status == 200, "\(merged.text)")
        let cart = try merged.decode(Cart.self)
        let quantities = Dictionary(uniqueKeysWithValues: cart.lines.map { ($0.productId, $0.quantity) })
        #expect(quantities == [scarce.id: scarce.stock, digital.id: 99, other.id: 1])
        #expect(cart.id == "mine")

        #expect(try shop.send("GET", "/cart/v1/carts/\(anonymous)").status == 404, "the anonymous cart is gone")
        let again = try shop.send("POST", "/cart/v1/carts/mine/merge", json: #"{"cartId": "\#(anonymous)"}"#, user: user)
        #expect(again.status == 404 && again.serviceError?.code == "cart_not_found")
    }

    @Test func mergeChecksItsBody() throws {
        let shop = try CartHost(); defer { shop.stop() }
        let noBody = try shop.send("POST", "/cart/v1/carts/mine/merge", json: "{}", user: "x@example.com")
        #expect(noBody.status == 422 && noBody.serviceError?.param == "cartId")
        let noUser = try shop.send("POST", "/cart/v1/carts/mine/merge", json: #"{"cartId": "abc"}"#)
        #expect(noUser.status == 401)
    }

    @Test func inProcessAccessReadsCartsAndTakesOutOrderedLines() throws {
        let shop = try CartHost(); defer { shop.stop() }
        try shop.set("mine", "dune-ebook", 3, user: "reader@example.com")
        let owner = CartOwner.user("reader@example.com")
        #expect(try shop.service.items(of: owner)?.map { [$0.productId: $0.quantity] } == [["dune-ebook": 3]])
        #expect(try shop.service.pricedCart(of: owner)?.itemCount == 3)
        #expect(try shop.service.items(of: .anonymous("missing")) == nil)
        try shop.service.removeOrdered([CartItem(productId: "dune-ebook", quantity: 3)], from: owner,
                                       cartReadAt: Date().timeIntervalSince1970, once: "evt_1")
        #expect(try shop.send("GET", "/cart/v1/carts/mine", user: "reader@example.com").decode(Cart.self).lines.isEmpty)
    }
}
