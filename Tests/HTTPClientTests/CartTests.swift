import Foundation
import StoreWire
import StoreHTTP
import Testing

/// Cart calls and server-side totals against the real cart service.
@Suite struct CartTests {
    let store: RunningStore
    init() throws { store = try RunningStore() }
    var client: StoreClient { store.client }

    private func catalogue() throws -> [Product] { try client.products(ProductQuery(limit: 100)).items }

    /// The totals StoreCore's pricing rules give for the cart's lines.
    private func expectedTotals(_ cart: Cart) throws -> Totals {
        try #require(Totals(lines: cart.lines.map { ($0.kind, $0.lineTotal.amount) }))
    }

    @Test func newCartIsEmpty() throws {
        let cart = try client.createCart()
        #expect(!cart.id.isEmpty)
        #expect(cart.lines.isEmpty && cart.itemCount == 0 && cart.total.amount == 0)
        #expect(try client.cart(id: cart.id, token: nil) == cart)
    }

    @Test func setQuantityPricesLinesAndTotals() throws {
        let products = try catalogue()
        let cheapPhysical = try #require(products.filter { $0.kind == .physical && $0.stock >= 3 }.min { $0.price < $1.price })
        let digital = try #require(products.first { $0.kind == .digital })
        let created = try client.createCart()

        var cart = try client.setQuantity(cartID: created.id, productID: cheapPhysical.id, quantity: 3, token: nil)
        cart = try client.setQuantity(cartID: created.id, productID: digital.id, quantity: 1, token: nil)
        #expect(cart.itemCount == 4)
        let line = try #require(cart.lines.first { $0.productId == cheapPhysical.id })
        #expect(line.quantity == 3 && line.unitPrice == cheapPhysical.price && line.lineTotal == cheapPhysical.price.times(3))
        #expect(line.name == cheapPhysical.name && line.kind == .physical)
        let totals = try expectedTotals(cart)
        #expect(cart.subtotal == totals.subtotal && cart.shipping == totals.shipping)
        #expect(cart.tax == totals.tax && cart.total == totals.total)

        // Absolute, so sending it again changes nothing.
        let again = try client.setQuantity(cartID: created.id, productID: digital.id, quantity: 1, token: nil)
        #expect(again == cart)
    }

    @Test func shippingIsFreeFromTheThreshold() throws {
        let products = try catalogue()
        let physical = try #require(products.first { $0.kind == .physical && $0.stock >= 1 && $0.price.amount < Pricing.freeShippingThreshold })
        let cart = try client.createCart()
        let small = try client.setQuantity(cartID: cart.id, productID: physical.id, quantity: 1, token: nil)
        #expect(small.shipping.amount == Pricing.shippingFee)
        let needed = (Pricing.freeShippingThreshold + physical.price.amount - 1) / physical.price.amount
        if needed <= min(physical.stock, Cart.maxQuantity) {
            let large = try client.setQuantity(cartID: cart.id, productID: physical.id, quantity: needed, token: nil)
            #expect(large.shipping.amount == 0)
            #expect(large.total == large.subtotal)
        }
    }

    @Test func zeroRemovesAndRemoveAndEmptyWork() throws {
        let products = try catalogue().filter(\.inStock)
        let cart = try client.createCart()
        for product in products.prefix(3) {
            _ = try client.setQuantity(cartID: cart.id, productID: product.id, quantity: 1, token: nil)
        }
        var current = try client.setQuantity(cartID: cart.id, productID: products[0].id, quantity: 0, token: nil)
        #expect(current.lines.map(\.productId) == products[1..<3].map(\.id))
        current = try client.removeLine(cartID: cart.id, productID: products[1].id, token: nil)
        #expect(current.lines.map(\.productId) == [products[2].id])
        current = try client.emptyCart(cartID: cart.id, token: nil)
        #expect(current.lines.isEmpty && current.total.amount == 0)
    }

    @Test func quantityOutOfRangeIsA422() throws {
        let product = try #require(try catalogue().first { $0.kind == .digital })
        let cart = try client.createCart()
        for quantity in [-1, Cart.maxQuantity + 1] {
            #expect {
                try client.setQuantity(cartID: cart.id, productID: product.id, quantity: quantity, token: nil)
            } throws: { error in
                guard case APIError.service(422, let body) = error else { return false }
                return body.param == "quantity" && !body.message.isEmpty
            }
        }
    }

    @Test func moreThanTheStockIsRefused() throws {
        let product = try #require(try catalogue().first { $0.kind == .physical && $0.stock < Cart.maxQuantity })
        let cart = try client.createCart()
        #expect {
            try client.setQuantity(cartID: cart.id, productID: product.id, quantity: product.stock + 1, token: nil)
        } throws: { error in
            (error as? APIError)?.code == "out_of_stock" && (error as? APIError)?.status == 409
        }
        #expect(try client.cart(id: cart.id, token: nil).lines.isEmpty)
    }

    @Test func unknownCartIsA404() throws {
        #expect {
            try client.cart(id: "no-such-cart", token: nil)
        } throws: { error in
            (error as? APIError)?.status == 404 && (error as? APIError)?.code == "cart_not_found"
        }
    }

    @Test func myCartNeedsASignedInUser() throws {
        #expect {
            try client.cart(id: StoreAPIPaths.myCart, token: nil)
        } throws: { error in
            (error as? APIError)?.status == 401
        }
        #expect {
            try client.cart(id: StoreAPIPaths.myCart, token: "not-a-token")
        } throws: { error in
            (error as? APIError)?.status == 401
        }
    }
}
