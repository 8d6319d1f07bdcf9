import Foundation
import Testing
import StoreWire
import TestSupport
import StoreServices

/// The cart service over real HTTP: lines, totals, bounds and stock.
@Suite struct CartTests {
    @Test func newCartsAreEmptyWithUnguessableDistinctIds() throws {
        let shop = try TestStore(options: TestStore.fastOptions); defer { shop.stop() }
        let client = CartClient(shop: shop)
        let carts = try (0..<5).map { _ in try client.create() }
        #expect(Set(carts.map(\.id)).count == 5)
        for cart in carts {
            #expect(cart.id.count == 32 && cart.id.allSatisfy(\.isHexDigit), "\(cart.id)")
            #expect(cart.lines.isEmpty && cart.itemCount == 0 && cart.total.amount == 0)
        }
        #expect(try client.get(carts[0].id).decode(Cart.self) == carts[0])
    }

    @Test func linesCarryCatalogueNamesPricesAndTotals() throws {
        let shop = try TestStore(options: TestStore.fastOptions); defer { shop.stop() }
        let client = CartClient(shop: shop)
        let products = try client.allProducts()
        let physical = try #require(products.first { $0.kind == .physical && $0.stock >= 2 })
        let digital = try #require(products.first { $0.kind == .digital })
        let cart = try client.create()
        try client.setOK(cart.id, physical.id, 2)
        let filled = try client.setOK(cart.id, digital.id, 3)
        #expect(filled.lines.map(\.productId) == [physical.id, digital.id], "lines keep the order they were added in")
        let line = filled.lines[0]
        #expect(line.name == physical.name && line.kind == .physical && line.unitPrice == physical.price)
        #expect(line.quantity == 2 && line.lineTotal.amount == physical.price.amount * 2)
        #expect(ExpectedTotals(filled) == ExpectedTotals([(physical, 2), (digital, 3)]))
        #expect(try client.get(cart.id).decode(Cart.self) == filled)
    }

    @Test func gstIsThreeTwentyThirdsOfTheTotalRoundedToTheCent() throws {
        let shop = try TestStore(options: TestStore.fastOptions); defer { shop.stop() }
        let client = CartClient(shop: shop)
        let products = try client.allProducts().filter { $0.kind == .digital || $0.stock >= 3 }
        // Many different totals, so that rounding goes both ways.
        var sawRoundingUp = false, sawRoundingDown = false
        for (index, product) in products.prefix(30).enumerated() {
            let quantity = index % 3 + 1
            let cart = try client.create()
            let priced = try client.setOK(cart.id, product.id, quantity)
            #expect(ExpectedTotals(priced) == ExpectedTotals([(product, quantity)]), "\(product.name) × \(quantity)")
            let exact = Double(priced.total.amount) * 3 / 23
            if Double(priced.tax.amount) > exact { sawRoundingUp = true }
            if Double(priced.tax.amount) < exact { sawRoundingDown = true }
        }
        #expect(sawRoundingUp && sawRoundingDown)
    }

    @Test func shippingBelowAtAndAboveTheFreeShippingThreshold() throws {
        let shop = try TestStore(options: TestStore.fastOptions); defer { shop.stop() }
        let client = CartClient(shop: shop)
        // A physical product whose price divides NZD 100 exactly, with stock to go past it.
        let product = try #require(try client.allProducts().first {
            $0.kind == .physical && 10_000 % $0.price.amount == 0 && 10_000 / $0.price.amount < 99
                && $0.stock > 10_000 / $0.price.amount
        })
        let atThreshold = 10_000 / product.price.amount
        let cart = try client.create()
        for (quantity, shipping) in [(atThreshold - 1, 800), (atThreshold, 0), (atThreshold + 1, 0)] {
            let priced = try client.setOK(cart.id, product.id, quantity)
            #expect(priced.shipping.amount == shipping, "\(quantity) × \(product.price.amount)")
            #expect(priced.total.amount == priced.subtotal.amount + shipping)
        }
    }

    @Test func digitalOnlyCartsHaveNoShippingAndNoStockLimit() throws {
        let shop = try TestStore(options: TestStore.fastOptions); defer { shop.stop() }
        let client = CartClient(shop: shop)
        let digital = try client.allProducts().filter { $0.kind == .digital }
        #expect(digital.count >= 2)
        let cart = try client.create()
        try client.setOK(cart.id, digital[0].id, 1)
        let priced = try client.setOK(cart.id, digital[1].id, 99)
        #expect(priced.shipping.amount == 0)
        #expect(ExpectedTotals(priced) == ExpectedTotals([(digital[0], 1), (digital[1], 99)]))
    }

    @Test func quantityIsAbsoluteFrom0To99And0RemovesTheLine() throws {
        let shop = try TestStore(options: TestStore.fastOptions); defer { shop.stop() }
        let client = CartClient(shop: shop)
        let digital = try #require(try client.allProducts().first { $0.kind == .digital })
        let cart = try client.create()
        #expect(try client.setOK(cart.id, digital.id, 5).itemCount == 5)
        #expect(try client.setOK(cart.id, digital.id, 5).itemCount == 5, "setting again is harmless")
        #expect(try client.setOK(cart.id, digital.id, 2).itemCount == 2)
        for bad in [100, -1, 1000] {
            let answer = try client.set(cart.id, digital.id, bad)
            #expect(answer.status == 422, "\(bad)")
            #expect(answer.serviceError?.param == "quantity")
        }
        #expect(try client.get(cart.id).decode(Cart.self).itemCount == 2, "a refused change leaves the cart as it was")
        let emptied = try client.setOK(cart.id, digital.id, 0)
        #expect(emptied.lines.isEmpty && emptied.total.amount == 0)
        #expect(try client.setOK(cart.id, digital.id, 0).lines.isEmpty, "removing what is not there is harmless")
    }

    @Test func quantitiesAboveStockAreRefusedWithWhatIsLeft() throws {
        let shop = try TestStore(options: TestStore.fastOptions); defer { shop.stop() }
        let client = CartClient(shop: shop)
        let products = try client.allProducts()
        let scarce = try #require(products.first { $0.kind == .physical && (1...5).contains($0.stock) })
        let soldOut = try #require(products.first { $0.kind == .physical && $0.stock == 0 })
        let cart = try client.create()
        #expect(try client.setOK(cart.id, scarce.id, scarce.stock).lines.first?.quantity == scarce.stock)
        let over = try client.set(cart.id, scarce.id, scarce.stock + 1)
        #expect(over.status == 409)
        #expect(over.serviceError?.code == "out_of_stock")
        #expect(over.serviceError?.message.contains("Only \(scarce.stock) left") == true, "\(over.text)")
        let none = try client.set(cart.id, soldOut.id, 1)
        #expect(none.status == 409 && none.serviceError?.code == "out_of_stock")
        #expect(try client.get(cart.id).decode(Cart.self).itemCount == scarce.stock)
    }

    @Test func removeALineAndEmptyTheCart() throws {
        let shop = try TestStore(options: TestStore.fastOptions); defer { shop.stop() }
        let client = CartClient(shop: shop)
        let products = try client.allProducts().filter { $0.kind == .digital || $0.stock >= 1 }
        let cart = try client.create()
        for product in products.prefix(3) { try client.setOK(cart.id, product.id, 1) }
        let removed = try shop.send("DELETE", "/cart/v1/carts/\(cart.id)/items/\(products[1].id)")
        #expect(removed.status == 200)
        #expect(try removed.decode(Cart.self).lines.map(\.productId) == [products[0].id, products[2].id])
        let emptied = try shop.send("DELETE", "/cart/v1/carts/\(cart.id)/items")
        #expect(emptied.status == 200)
        let empty = try emptied.decode(Cart.self)
        #expect(empty.lines.isEmpty && empty.itemCount == 0 && empty.total.amount == 0 && empty.id == cart.id)
    }

    @Test func unknownCartsAndProductsAre404() throws {
        let shop = try TestStore(options: TestStore.fastOptions); defer { shop.stop() }
        let client = CartClient(shop: shop)
        let cart = try client.create()
        let unknownCart = String(repeating: "0", count: 32)
        for answer in [try client.get(unknownCart), try client.set(unknownCart, "dune-paperback", 1),
                       try shop.send("DELETE", "/cart/v1/carts/\(unknownCart)/items"),
                       try shop.send("DELETE", "/cart/v1/carts/\(unknownCart)/items/dune-paperback")] {
            #expect(answer.status == 404 && answer.serviceError?.code == "cart_not_found", "\(answer.text)")
        }
        let unknownProduct = try client.set(cart.id, "no-such-product", 1)
        #expect(unknownProduct.status == 404 && unknownProduct.serviceError?.code == "product_not_found")
    }

    @Test func myCartNeedsAValidBearerToken() throws {
        let shop = try TestStore(options: TestStore.fastOptions); defer { shop.stop() }
        for headers in [[:], ["Authorization": "Bearer not-a-token"], ["Authorization": "Basic abc"]] {
            let answer = try shop.send("GET", "/cart/v1/carts/mine", headers: headers)
            #expect(answer.status == 401, "\(headers)")
            #expect(answer.serviceError?.type == "authentication_error")
        }
        let merge = try shop.send("POST", "/cart/v1/carts/mine/merge", json: #"{"cartId": "abc"}"#)
        #expect(merge.status == 401)
    }
}
