import Foundation
import Testing
import StoreCore
@testable import StoreServices
import TestSupport

/// Anonymous carts have a budget of their own: creating them evicts only
/// empty or long-idle anonymous carts, never a signed-in shopper's cart or a
/// cart someone is filling; when nothing may go, creation is refused.
@Suite struct CartEvictionTests {
    /// A clock a test moves by hand.
    final class ManualClock: @unchecked Sendable {
        private let lock = NSLock()
        private var now: TimeInterval = 1_000
        func read() -> TimeInterval { lock.lock(); defer { lock.unlock() }; return now }
        func advance(_ seconds: TimeInterval) { lock.lock(); now += seconds; lock.unlock() }
    }

    static let item = [CartItem(productId: "p", quantity: 1)]

    static func fill(_ store: InMemoryCartStore, _ owner: CartOwner) throws {
        _ = try store.update(owner, createIfMissing: false) { _ in item }
    }

    @Test func emptyAnonymousCartsGoFirstAndCartsInUseStay() throws {
        let store = InMemoryCartStore(anonymousLimit: 10)
        _ = try store.update(.user("keeper@example.com"), createIfMissing: true) { _ in Self.item }
        for index in 0..<10 { try store.create(.anonymous("cart-\(index)")) }
        try Self.fill(store, .anonymous("cart-0"))
        try store.create(.anonymous("cart-10"))
        #expect(try store.items(of: .anonymous("cart-1")) == nil, "the least recently used empty cart goes")
        #expect(try store.items(of: .anonymous("cart-0")) == Self.item, "a cart in use stays")
        #expect(try store.items(of: .anonymous("cart-10")) != nil)
        #expect(try store.items(of: .user("keeper@example.com")) == Self.item)
    }

    @Test func aFloodOfCreationsNeverEvictsACartWithItemsOrAShoppersCart() throws {
        let store = InMemoryCartStore(anonymousLimit: 20)
        let shoppers = (0..<50).map { CartOwner.user("shopper-\($0)@example.com") }
        for shopper in shoppers { _ = try store.update(shopper, createIfMissing: true) { _ in Self.item } }
        let filling = (0..<5).map { CartOwner.anonymous("filling-\($0)") }
        for cart in filling {
            try store.create(cart)
            try Self.fill(store, cart)
        }
        for index in 0..<5_000 { try store.create(.anonymous("flood-\(index)")) }
        for cart in filling + shoppers { #expect(try store.items(of: cart) == Self.item, "\(cart)") }
        #expect(try store.items(of: .anonymous("flood-4999")) != nil)
    }

    @Test func whenEveryAnonymousCartIsInUseANewOneWaitsUntilOneIsOldEnough() throws {
        let clock = ManualClock()
        let store = InMemoryCartStore(anonymousLimit: 3, protectedIdle: 600, clock: { clock.read() })
        for index in 0..<3 {
            try store.create(.anonymous("cart-\(index)"))
            try Self.fill(store, .anonymous("cart-\(index)"))
            clock.advance(10)
        }
        #expect(throws: CartStoreError.anonymousCartsFull(retryAfter: 570)) { try store.create(.anonymous("late")) }
        _ = try store.update(.user("a@example.com"), createIfMissing: true) { _ in Self.item }
        clock.advance(570)
        try store.create(.anonymous("late"))
        #expect(try store.items(of: .anonymous("cart-0")) == nil, "the cart idle longest went")
        #expect(try store.items(of: .anonymous("cart-1")) == Self.item)
        #expect(try store.items(of: .anonymous("cart-2")) == Self.item)
    }

    @Test func overHTTPAFullBudgetIsA503WithRetryAfterAndShoppersCartsStillWork() throws {
        var options = TestStore.fastOptions
        options.anonymousCartLimit = 3
        let shop = try TestStore(options: options); defer { shop.stop() }
        let product = try CatalogueSample(shop).digital
        for _ in 0..<3 {
            let cart = try shop.send("POST", "/cart/v1/carts").decode(Cart.self)
            let put = try shop.send("PUT", "/cart/v1/carts/\(cart.id)/items/\(product.id)", json: #"{"quantity": 1}"#)
            #expect(put.status == 200)
        }
        let refused = try shop.send("POST", "/cart/v1/carts")
        #expect(refused.status == 503, "\(refused.text)")
        #expect(refused.serviceError?.code == "busy")
        #expect(Int(refused.header("retry-after") ?? "") ?? 0 > 0)
        let shopper = try Shopper.signUp(shop)
        let mine = try shopper.send("PUT", "/cart/v1/carts/mine/items/\(product.id)", json: #"{"quantity": 2}"#)
        #expect(mine.status == 200, "\(mine.text)")
    }
}
