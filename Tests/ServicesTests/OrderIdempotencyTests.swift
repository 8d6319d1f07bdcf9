import Foundation
import Testing
import StoreWire
@testable import StoreServices
import TestSupport

/// `Idempotency-Key` on order creation: replay, conflict, concurrency.
@Suite struct OrderIdempotencyTests {
    @Test func theSameKeyAndBodyReplaysTheFirstAnswer() throws {
        let shop = try commerceShop(); defer { shop.stop() }
        let sample = try CatalogueSample(shop)
        let shopper = try Shopper.signUp(shop)
        try shopper.fillCart([(sample.physical.id, 1)])
        let first = try shopper.createOrder(key: "checkout-1")
        let second = try shopper.createOrder(key: "checkout-1")
        #expect(first.status == 201 && second.status == 201)
        #expect(first.body == second.body)
        #expect(second.header("Idempotent-Replayed") == "true")
        #expect(try shopper.storedOrderCount() == 1)
        // Whitespace or key order do not make it another request.
        let reordered = try shopper.send("POST", "/order/v1/orders",
            json: #"{ "deliveryAddress": {"country": "New Zealand", "postcode": "1010", "city": "Auckland", "line2": "", "line1": "1 Queen Street", "name": "Ann Shopper"}, "cartId": "mine" }"#,
            headers: ["Idempotency-Key": "checkout-1"])
        #expect(reordered.status == 201 && reordered.body == first.body, "\(reordered.text)")
    }

    @Test func theSameKeyWithAnotherBodyIsAConflict() throws {
        let shop = try commerceShop(); defer { shop.stop() }
        let sample = try CatalogueSample(shop)
        let shopper = try Shopper.signUp(shop)
        try shopper.fillCart([(sample.physical.id, 1)])
        #expect(try shopper.createOrder(key: "k").status == 201)
        var other = aucklandAddress
        other.line1 = "2 Queen Street"
        let conflict = try shopper.createOrder(key: "k", address: other)
        #expect(conflict.status == 409, "\(conflict.text)")
        #expect(conflict.serviceError?.code == "idempotency_key_reused")
        #expect(try shopper.storedOrderCount() == 1)
    }

    @Test func keysBelongToTheirUser() throws {
        let shop = try commerceShop(); defer { shop.stop() }
        let sample = try CatalogueSample(shop)
        let ann = try Shopper.signUp(shop)
        let bob = try Shopper.signUp(shop)
        try ann.fillCart([(sample.physical.id, 1)])
        try bob.fillCart([(sample.physical.id, 1)])
        let annsOrder = try ann.createOrder(key: "shared").decode(Order.self)
        let bobsAnswer = try bob.createOrder(key: "shared")
        #expect(bobsAnswer.status == 201)
        #expect(try bobsAnswer.decode(Order.self).id != annsOrder.id)
    }

    @Test func aFailedAttemptIsNotRemembered() throws {
        let shop = try commerceShop(); defer { shop.stop() }
        let sample = try CatalogueSample(shop)
        let shopper = try Shopper.signUp(shop)
        #expect(try shopper.createOrder(key: "retry").status == 409)
        try shopper.fillCart([(sample.physical.id, 1)])
        #expect(try shopper.createOrder(key: "retry").status == 201)
    }

    @Test func concurrentRequestsWithOneKeyMakeOneOrder() throws {
        let shop = try commerceShop(); defer { shop.stop() }
        let sample = try CatalogueSample(shop)
        let shopper = try Shopper.signUp(shop)
        try shopper.fillCart([(sample.physical.id, 1), (sample.digital.id, 1)])
        let attempts = 8
        let lock = NSLock()
        var answers: [RawResponse] = []
        DispatchQueue.concurrentPerform(iterations: attempts) { _ in
            if let answer = try? shopper.createOrder(key: "double-enter") {
                lock.lock(); answers.append(answer); lock.unlock()
            }
        }
        #expect(answers.count == attempts)
        #expect(answers.allSatisfy { $0.status == 201 })
        #expect(Set(answers.map(\.body)).count == 1)
        #expect(try shopper.storedOrderCount() == 1)
        #expect(try count(shop, OrderStore.fileName, "SELECT COUNT(*) AS n FROM orders") == 1)
    }

    @Test func aKeyClaimedByAnInstanceThatDiedIsTakenOverAfterItsLease() throws {
        let shop = try commerceShop(); defer { shop.stop() }
        let sample = try CatalogueSample(shop)
        let shopper = try Shopper.signUp(shop)
        try shopper.fillCart([(sample.physical.id, 1)])
        let store = shop.store.commerce.orders.store
        let user = shopper.session.user.id
        let hash = try OrderService.requestHash(CreateOrderRequest(cartId: "mine", deliveryAddress: aucklandAddress))
        // Claims left by instances killed while creating their orders: no answer, and no stock reserved.
        for (key, claimedAgo) in [("stale", IdempotencyRecord.claimLease + 1), ("other-body", IdempotencyRecord.claimLease + 1)] {
            try store.database.run("""
                INSERT INTO idempotency_keys (user_id, `key`, request_hash, status, response, order_id, created_epoch)
                VALUES (?, ?, ?, 0, '', 'ord_killed', ?)
                """, user, key, key == "stale" ? hash : "another-hash", Date().timeIntervalSince1970 - claimedAgo)
        }
        let answer = try shopper.createOrder(key: "stale")
        #expect(answer.status == 201, "\(answer.text)")
        let record = try #require(try store.idempotencyRecord(user: user, key: "stale"))
        let order = try answer.decode(Order.self)
        #expect(!record.isPending && record.orderId == order.id)
        #expect(try shopper.createOrder(key: "stale").header("Idempotent-Replayed") == "true")
        #expect(try shopper.createOrder(key: "other-body").serviceError?.code == "idempotency_key_reused")
    }

    @Test func keysAreKeptForAtLeastADay() throws {
        #expect(IdempotencyRecord.lifetime >= 24 * 3600)
        let shop = try commerceShop(); defer { shop.stop() }
        let sample = try CatalogueSample(shop)
        let shopper = try Shopper.signUp(shop)
        try shopper.fillCart([(sample.physical.id, 1)])
        let first = try shopper.createOrder(key: "day-old")
        let database = shop.store.commerce.orders.store.database
        try database.run("UPDATE idempotency_keys SET created_epoch = ?", Date().addingTimeInterval(-25 * 3600).timeIntervalSince1970)
        try shop.store.commerce.orders.store.purgeExpiredIdempotencyKeys()
        #expect(try shopper.createOrder(key: "day-old").body == first.body)
    }
}
