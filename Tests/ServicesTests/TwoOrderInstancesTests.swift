import Foundation
import Testing
import StoreWire
import TestSupport
@testable import StoreServices

/// Two instances of every service on the same databases and the same Redis,
/// as two `betterstore serve` processes would be, with no coordination but
/// the stores: shoppers' requests reach either instance, and every effect of
/// a checkout happens once.
@Suite struct TwoOrderInstancesTests {
    /// Two shops sharing their databases (`backend`), their carts (a Redis) and their signing key.
    final class Pair {
        let redis: RedisServer
        let first: TestStore
        let second: TestStore
        let databases: DatabaseSettings
        private let folder = FileManager.default.temporaryDirectory.appendingPathComponent("two-instances-\(UUID().uuidString)")
        private var schemas: [SQLDatabase] = []

        init(_ backend: StoreBackend) throws {
            switch backend {
            case .sqlite: databases = DatabaseSettings(all: .sqlite(folder: folder.path))
            case .mariadb:
                let server = try MariaDBServer.shared()
                databases = DatabaseSettings(all: .mariadb(server.endpoint, schemaPrefix: server.freshSchema("two")))
            }
            redis = try RedisServer()
            var options = TestStore.fastOptions
            options.databases = databases
            options.cartStore = try CartStoreLocation(parsing: redis.url())
            options.sharedKey = SigningKey(master: Crypto.randomBytes(32))
            first = try TestStore(options: options)
            second = try TestStore(options: options)
        }

        deinit {
            first.stop()
            second.stop()
            redis.stop()
            try? FileManager.default.removeItem(at: folder)
        }

        /// A handle of the database named `schema` (orders, reporting, fulfillment, pipeline, payments).
        func database(_ schema: String, file: String) throws -> SQLDatabase {
            let opened = try databases.open(.order, schema: schema, fileName: file, dataDirectory: folder)
            schemas.append(opened)
            return opened
        }

        func count(_ schema: String, _ file: String, _ sql: String) throws -> Int {
            try database(schema, file: file).queryOne(sql)?.int("n") ?? -1
        }

        /// The receipts both instances wrote (each has its own maildir).
        func receipts() throws -> [String] {
            try maildirMessages(first) + maildirMessages(second)
        }
    }

    @Test(arguments: StoreBackend.allCases)
    func oneKeyOnTwoInstancesAtOnceMakesOneOrderAndManyConfirmsOnePayment(backend: StoreBackend) throws {
        let pair = try Pair(backend)
        let sample = try CatalogueSample(pair.first)
        let onFirst = try Shopper.signUp(pair.first)
        let shopper = [onFirst, Shopper(shop: pair.second, session: onFirst.session)]
        try onFirst.fillCart([(sample.physical.id, 1), (sample.digital.id, 1)])

        let answers = Locked<[RawResponse]>([])
        StoreContractTests.atOnce(8) { index in
            if let answer = try? shopper[index % 2].createOrder(key: "double-click") { answers.mutate { $0.append(answer) } }
        }
        let created = answers.value.filter { $0.status == 201 }
        #expect(answers.value.count == 8 && !created.isEmpty)
        #expect(answers.value.allSatisfy { $0.status == 201 || $0.serviceError?.code == "idempotency_key_in_use" },
                "\(answers.value.map(\.text))")
        #expect(Set(created.map(\.body)).count == 1, "every answer is the one order")
        #expect(try pair.count("orders", OrderStore.fileName, "SELECT COUNT(*) AS n FROM orders") == 1)
        let order = try #require(created.first).decode(Order.self)

        // Six attempts (cards submitted) on both instances at once: one pays, the others are refused.
        let payments = Locked<[RawResponse]>([])
        StoreContractTests.atOnce(6) { index in
            if let answer = try? shopper[index % 2].pay(order, key: "attempt-\(index)") { payments.mutate { $0.append(answer) } }
        }
        #expect(payments.value.count == 6)
        #expect(payments.value.filter { $0.status == 200 }.count == 1, "\(payments.value.map(\.text))")
        #expect(try shopper[1].order(order.id).status == .paid)
        #expect(try pair.count("payments", CardNetwork.fileName,
                               "SELECT COUNT(*) AS n FROM charges WHERE status IN ('authorised', 'captured')") == 1)
        #expect(try pair.count("orders", OrderStore.fileName, "SELECT COUNT(*) AS n FROM outbox WHERE type = 'OrderPurchased'") == 1)
        #expect(try eventually(timeout: 10) {
            try pair.count("orders", OrderStore.fileName, "SELECT COUNT(*) AS n FROM outbox WHERE delivered_epoch IS NULL") == 0
        })
        #expect(try pair.count("reporting", ReportingStore.fileName, "SELECT COUNT(*) AS n FROM report_orders") == 1)
        #expect(try pair.count("fulfillment", FulfillmentStore.fileName, "SELECT COUNT(*) AS n FROM shipping_orders") == 1)
        #expect(try pair.receipts().filter { $0.contains("Subject: Your receipt for order \(order.number)") }.count == 1)
    }

    @Test(arguments: StoreBackend.allCases)
    func checkoutsThroughTwoInstancesAtOnceHaveEachEffectOnce(backend: StoreBackend) throws {
        let pair = try Pair(backend)
        let sample = try CatalogueSample(pair.first)
        let shops = [pair.first, pair.second]
        let paid = Locked<[Order]>([])
        let failures = Locked<[String]>([])
        StoreContractTests.atOnce(6) { index in
            do {
                // Signed up, carted and ordered on one instance, paid on the other.
                let here = try Shopper.signUp(shops[index % 2])
                let there = Shopper(shop: shops[(index + 1) % 2], session: here.session)
                let order = try here.placeOrder([(sample.physical.id, 1), (sample.digital.id, 1)])
                let payment = try there.pay(order)
                guard payment.status == 200 else { throw PipelineError("payment: \(payment.text)") }
                paid.mutate { $0.append(order) }
            } catch {
                failures.mutate { $0.append("\(error)") }
            }
        }
        #expect(failures.value.isEmpty, "\(failures.value)")
        #expect(paid.value.count == 6)
        #expect(try eventually(timeout: 15) {
            try pair.count("orders", OrderStore.fileName, "SELECT COUNT(*) AS n FROM outbox WHERE delivered_epoch IS NULL") == 0
        })
        let ids = Set(paid.value.map(\.id))
        let orders = try pair.database("orders", file: OrderStore.fileName)
        #expect(Set(try orders.query("SELECT id FROM orders WHERE status = 'PAID'").map { $0.string("id") }) == ids)
        let reporting = try pair.database("reporting", file: ReportingStore.fileName)
        #expect(try reporting.query("SELECT order_id FROM report_orders").map { $0.string("order_id") }.sorted() == ids.sorted())
        let fulfillment = try pair.database("fulfillment", file: FulfillmentStore.fileName)
        #expect(try fulfillment.query("SELECT order_id FROM shipping_orders").map { $0.string("order_id") }.sorted() == ids.sorted())
        #expect(try fulfillment.query("SELECT DISTINCT order_id FROM digital_deliveries").count == ids.count)
        let receipts = try pair.receipts()
        for order in paid.value {
            #expect(receipts.filter { $0.contains("Subject: Your receipt for order \(order.number)") }.count == 1, "\(order.number)")
            #expect(receipts.filter { $0.contains("Subject: Your downloads for order \(order.number)") }.count == 1, "\(order.number)")
        }
    }

    @Test(arguments: StoreBackend.allCases)
    func bothSweepersExpiringAtOnceExpireEachOrderOnceAndGiveItsStockBackOnce(backend: StoreBackend) throws {
        let pair = try Pair(backend)
        let sample = try CatalogueSample(pair.first)
        let stockBefore = try #require(try pair.first.store.products.product(id: sample.physical.id)).stock
        let shopper = try Shopper.signUp(pair.first)
        let orders = try (0..<4).map { _ in try shopper.placeOrder([(sample.physical.id, 1)]) }
        #expect(try pair.first.store.products.product(id: sample.physical.id)?.stock == stockBefore - 4)

        let expired = Locked(0)
        let later = Date().addingTimeInterval(3600)
        StoreContractTests.atOnce(2) { index in
            let service = [pair.first, pair.second][index].store.commerce.orders
            if let count = try? service?.expireOverdueOrders(now: later) { expired.mutate { $0 += count } }
        }
        #expect(expired.value == orders.count)
        #expect(try pair.count("orders", OrderStore.fileName, "SELECT COUNT(*) AS n FROM outbox WHERE type = 'OrderExpired'")
                == orders.count)
        #expect(try eventually(timeout: 10) {
            try pair.second.store.products.product(id: sample.physical.id)?.stock == stockBefore
        }, "each order's unit back on sale once")
        #expect(try pair.count("orders", OrderStore.fileName, "SELECT COUNT(*) AS n FROM orders WHERE status = 'EXPIRED'") == 4)
    }
}
