import Foundation
import Testing
import StoreWire
import TestSupport

/// Small steps the cart tests share, all over real HTTP.
struct CartClient {
    let shop: TestStore
    var headers: [String: String] = [:]

    func create() throws -> Cart {
        let answer = try shop.send("POST", "/cart/v1/carts")
        #expect(answer.status == 201, "\(answer.text)")
        return try answer.decode(Cart.self)
    }

    func get(_ cartID: String) throws -> RawResponse {
        try shop.send("GET", "/cart/v1/carts/\(cartID)", headers: headers)
    }

    func set(_ cartID: String, _ productID: String, _ quantity: Int) throws -> RawResponse {
        try shop.send("PUT", "/cart/v1/carts/\(cartID)/items/\(productID)", json: #"{"quantity": \#(quantity)}"#, headers: headers)
    }

    /// Sets a quantity that must be accepted and returns the cart.
    @discardableResult
    func setOK(_ cartID: String, _ productID: String, _ quantity: Int) throws -> Cart {
        let answer = try set(cartID, productID, quantity)
        #expect(answer.status == 200, "\(productID) × \(quantity): \(answer.text)")
        return try answer.decode(Cart.self)
    }

    func allProducts() throws -> [Product] {
        try shop.send("GET", "/product/v1/products?limit=100").decode(ProductPage.self).items
    }
}

/// What a cart's totals must be, worked out here from the published rules
/// rather than with the server's own code: GST is 3/23 of the total rounded
/// to the cent; shipping NZD 8.00 with any physical item unless the physical
/// subtotal is at least NZD 100.00.
struct ExpectedTotals: Equatable {
    var subtotal = 0, tax = 0, shipping = 0, total = 0, itemCount = 0

    init(_ lines: [(product: Product, quantity: Int)]) {
        subtotal = lines.reduce(0) { $0 + $1.product.price.amount * $1.quantity }
        let physical = lines.filter { $0.product.kind == .physical }
        let physicalSubtotal = physical.reduce(0) { $0 + $1.product.price.amount * $1.quantity }
        shipping = physical.isEmpty ? 0 : (physicalSubtotal >= 10_000 ? 0 : 800)
        total = subtotal + shipping
        tax = Int((Double(total) * 3 / 23).rounded())
        itemCount = lines.reduce(0) { $0 + $1.quantity }
    }

    init(_ cart: Cart) {
        subtotal = cart.subtotal.amount; tax = cart.tax.amount; shipping = cart.shipping.amount
        total = cart.total.amount; itemCount = cart.itemCount
    }
}
