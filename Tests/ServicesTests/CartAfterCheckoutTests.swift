import Foundation
import Testing
import StoreWire
@testable import StoreServices
import TestSupport

/// A paid order's lines leave the cart when its OrderPurchased event is
/// delivered, which may be after the shopper has started the next checkout:
/// what the shopper put back into the cart since stays.
@Suite struct CartAfterCheckoutTests {
    /// A shop whose pipeline waits for the test, its carts in memory or on `redis`.
    private static func pausedShop(_ redis: RedisServer?) throws -> TestStore {
        var options = TestStore.fastOptions
        options.pipelinePaused = true
        if let redis {
            options.cartStore = .redis(try RedisAddress(parsing: redis.url()))
            options.cartKeyPrefix = "test-\(UUID().uuidString):"
        }
        return try TestStore(options: options)
    }

    /// The load runs' checkout loop: the next iteration puts the same product
    /// into the cart (the same quantity, so only the line's time tells it
    /// apart) while the dispatcher is behind. The removal that then arrives
    /// leaves it, and the next order is made from it instead of failing 409 cart_empty.
    @Test(arguments: CartStoreContractTests.Kind.allCases)
    func aProductPutBackBeforeTheRemovalArrivesStaysForTheNextOrder(kind: CartStoreContractTests.Kind) throws {
        let redis = kind == .redis ? try RedisServer.lease() : nil
        defer { if redis != nil { RedisServer.release() } }
        let shop = try Self.pausedShop(redis); defer { shop.stop() }
        let sample = try CatalogueSample(shop)
        let shopper = try Shopper.signUp(shop)
        let first = try shopper.placeOrder([(sample.physical.id, 1), (sample.secondPhysical.id, 2)])
        #expect(try shopper.pay(first).status == 200)

        try shopper.fillCart([(sample.physical.id, 1)])
        #expect(shop.store.commerce.dispatcher.deliverDueEvents() == 1)
        let cart = try shopper.send("GET", "/cart/v1/carts/mine").decode(Cart.self)
        #expect(cart.lines.map(\.productId) == [sample.physical.id] && cart.itemCount == 1,
                "the line put back stays, the other ordered line goes: \(cart.lines.map { ($0.productId, $0.quantity) })")

        let second = try shopper.createOrder()
        try #require(second.status == 201, "the next order: \(second.text)")
        #expect(try second.decode(Order.self).lines.map(\.productId) == [sample.physical.id])
    }
}
