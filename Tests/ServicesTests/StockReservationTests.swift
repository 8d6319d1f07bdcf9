import Foundation
import Testing
import StoreWire
@testable import StoreServices
import TestSupport

/// Stock that adds up: reserved with the order, released once on cancel or
/// expiry; concurrent orders for the last copies make at most as many orders
/// as there is stock. Invariant: stock at the start = stock now + units held.
@Suite struct StockReservationTests {
    /// A physical product with exactly `stock` units, added to the shop's catalogue.
    static func scarceProduct(_ shop: TestStore, stock: Int) throws -> Product {
        let sample = try CatalogueSample(shop)
        var product = sample.physical
        product.id = "scarce-\(UUID().uuidString.prefix(8).lowercased())"
        product.name = "Scarce Edition"
        product.stock = stock
        try shop.store.products.upsert(product)
        return product
    }

    static func stock(_ shop: TestStore, _ product: Product) throws -> Int {
        try #require(try shop.store.products.product(id: product.id)).stock
    }

    static func held(_ shop: TestStore, _ product: Product) throws -> Int {
        try shop.store.products.heldStock()[product.id] ?? 0
    }

    @Test func concurrentOrdersForTheLastCopiesMakeAtMostStockOrders() throws {
        let shop = try commerceShop(); defer { shop.stop() }
        let product = try Self.scarceProduct(shop, stock: 3)
        let shoppers = try (0..<8).map { _ in try Shopper.signUp(shop) }
        for shopper in shoppers { try shopper.fillCart([(product.id, 1)]) }
        let answers = OneChargeTests.race(shoppers.map { shopper in { try shopper.createOrder() } })
        let created = answers.compactMap { $0 }.filter { $0.status == 201 }
        let refused = answers.compactMap { $0 }.filter { $0.status == 409 }
        #expect(created.count == 3 && refused.count == 5, "\(answers.map { $0?.status ?? -1 })")
        for answer in refused {
            #expect(answer.serviceError?.code == "out_of_stock")
            #expect(answer.serviceError?.message.contains("Scarce Edition") == true, "names the product: \(answer.text)")
        }
        #expect(try Self.stock(shop, product) == 0)
        #expect(try Self.held(shop, product) == 3)

        // Paying takes nothing more; the stock never goes negative.
        for (shopper, answer) in zip(shoppers, answers) where answer?.status == 201 {
            #expect(try shopper.pay(try #require(answer).decode(Order.self)).status == 200)
        }
        #expect(try Self.stock(shop, product) == 0)
        #expect(try Self.stock(shop, product) + Self.held(shop, product) == 3)
    }

    @Test func aCancelReturnsExactlyWhatWasTakenOnce() throws {
        let shop = try commerceShop(); defer { shop.stop() }
        let product = try Self.scarceProduct(shop, stock: 5)
        let shopper = try Shopper.signUp(shop)
        let order = try shopper.placeOrder([(product.id, 2)])
        #expect(try Self.stock(shop, product) == 3)
        #expect(try shopper.pay(order).status == 200)
        #expect(try Self.stock(shop, product) == 3, "paying takes nothing more")
        #expect(try eventually { try shipping(shop, order) == 1 })
        #expect(try shopper.send("POST", "/order/v1/orders/\(order.id)/cancel").status == 200)
        #expect(try eventually { try Self.stock(shop, product) == 5 })
        #expect(try shopper.send("POST", "/order/v1/orders/\(order.id)/cancel").status == 409)
        // Redelivering every event returns nothing twice.
        let dispatcher = try #require(shop.store.commerce.dispatcher)
        for id in try outboxIDs(shop) { dispatcher.redeliver(eventID: id) }
        #expect(try Self.stock(shop, product) == 5 && Self.held(shop, product) == 0)
    }

    @Test func anUnpaidOrderExpiresAndGivesItsStockBack() throws {
        let shop = try TestStore(options: .init(passwordIterations: 1_000, paymentWindow: 0.3)); defer { shop.stop() }
        let product = try Self.scarceProduct(shop, stock: 4)
        let shopper = try Shopper.signUp(shop)
        let order = try shopper.placeOrder([(product.id, 3)])
        #expect(try Self.stock(shop, product) == 1)
        // The background round expires it within a few seconds.
        #expect(try eventually(timeout: 10) { try shopper.order(order.id).status == .expired })
        #expect(try eventually { try Self.stock(shop, product) == 4 && Self.held(shop, product) == 0 })
        let late = try shopper.pay(order)
        #expect(late.status == 409 && late.serviceError?.code == "payment_intent_expired", "\(late.text)")
        #expect(try shopper.orders().isEmpty, "an expired order is not a placed order")
        #expect(try shop.store.commerce.payments.network.allCharges().isEmpty, "nothing was charged")
    }

    @Test func anOrderLeftWithoutItsReservationByACrashExpires() throws {
        let shop = try commerceShop(); defer { shop.stop() }
        let product = try Self.scarceProduct(shop, stock: 2)
        let shopper = try Shopper.signUp(shop)
        let order = try shopper.placeOrder([(product.id, 1)])
        // As if the process died between storing an order and reserving its stock.
        try shop.store.commerce.orders.store.database.run("UPDATE orders SET stock_reserved = 0 WHERE id = ?", order.id)
        try shop.store.products.releaseStock(ofOrder: "never-stored")
        let later = Date().addingTimeInterval(OrderService.unreservedGrace + 1)
        #expect(try shop.store.commerce.orders.expireOverdueOrders(now: later) == 1)
        #expect(try eventually { try Self.stock(shop, product) == 2 })
        // A reservation arriving after the release is refused.
        #expect(throws: StockError.released(orderID: order.id)) {
            try shop.store.products.reserveStock(forOrder: order.id, [product.id: 1])
        }
    }

    @Test func payingTakesOnlyTheOrderedLinesOutOfTheCart() throws {
        let shop = try commerceShop(pipelinePaused: true); defer { shop.stop() }
        let sample = try CatalogueSample(shop)
        let shopper = try Shopper.signUp(shop)
        try shopper.fillCart([(sample.physical.id, 2)])
        let order = try shopper.createOrder().decode(Order.self)
        // After checking out, the shopper sets a quantity and adds another product: a quantity is
        // set absolutely, so the lines set after the order read the cart stay as the shopper set them.
        try shopper.fillCart([(sample.physical.id, 3), (sample.secondPhysical.id, 1)])
        #expect(try shopper.pay(order).status == 200)
        #expect(shop.store.commerce.dispatcher.deliverDueEvents() == 1)
        let cart = try shopper.send("GET", "/cart/v1/carts/mine").decode(Cart.self)
        let left = Dictionary(uniqueKeysWithValues: cart.lines.map { ($0.productId, $0.quantity) })
        #expect(left == [sample.physical.id: 3, sample.secondPhysical.id: 1], "\(left)")
    }
}

func shipping(_ shop: TestStore, _ order: Order) throws -> Int {
    try count(shop, FulfillmentStore.fileName, "SELECT COUNT(*) AS n FROM shipping_orders WHERE order_id = ?", order.id)
}

func outboxIDs(_ shop: TestStore) throws -> [String] {
    try shop.store.commerce.orders.store.database.query("SELECT id FROM outbox").map { $0.string("id") }
}
