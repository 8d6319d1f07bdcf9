import Foundation
import Testing
import StoreWire
import TestSupport
@testable import StoreServices

/// The order service's stores on every database implementation, used by two
/// instances at once through handles of their own (`reopen()`): idempotency
/// keys, order numbers, the outbox's leases and the consumers' claims.
@Suite struct OrderStoreContractTests {
    @Test(arguments: StoreBackend.allCases)
    func aKeyClaimedByTwoInstancesAtOnceMakesOneOrder(backend: StoreBackend) throws {
        let opened = try backend.open(); defer { opened.cleanUp() }
        let stores = [try OrderStore(database: opened.database), try OrderStore(database: opened.reopen())]
        let winners = Locked<[String]>([])
        let failures = Locked<[String]>([])
        StoreContractTests.atOnce(12) { index in
            let order = Self.order(index)
            do {
                if try stores[index % 2].insert(order, claiming: "key-1", user: "usr_1", requestHash: "hash-1") {
                    winners.mutate { $0.append(order.order.id) }
                }
            } catch {
                failures.mutate { $0.append("\(error)") }
            }
        }
        #expect(failures.value.isEmpty, "\(failures.value)")
        #expect(winners.value.count == 1, "\(winners.value)")
        #expect(try opened.database.queryOne("SELECT COUNT(*) AS n FROM orders")?.int("n") == 1)
        let claim = try #require(try stores[1].idempotencyRecord(user: "usr_1", key: "key-1"))
        #expect(claim.isPending && claim.orderId == winners.value.first && claim.requestHash == "hash-1")

        // The answer completes the claim of its own order only; then it is what a retry replays.
        let answer = IdempotencyRecord(requestHash: "hash-1", status: 201, response: Data(#"{"id":"x"}"#.utf8))
        #expect(try !stores[0].database.transaction { try stores[0].complete(answer, user: "usr_1", key: "key-1", orderId: "ord_other", in: $0) })
        #expect(try stores[0].database.transaction { try stores[0].complete(answer, user: "usr_1", key: "key-1", orderId: claim.orderId, in: $0) })
        try stores[1].freeIdempotencyKey(user: "usr_1", key: "key-1", orderId: claim.orderId)   // answered: kept
        let kept = try #require(try stores[1].idempotencyRecord(user: "usr_1", key: "key-1"))
        #expect(!kept.isPending && kept.status == 201 && kept.response == answer.response)
    }

    @Test(arguments: StoreBackend.allCases)
    func anOrderNumberTwoInstancesTakeAtOnceIsStoredOnce(backend: StoreBackend) throws {
        let opened = try backend.open(); defer { opened.cleanUp() }
        let stores = [try OrderStore(database: opened.database), try OrderStore(database: opened.reopen())]
        let outcomes = Locked<[String]>([])
        StoreContractTests.atOnce(2) { index in
            var order = Self.order(index)
            order.order.number = "TBS-SAME00"
            do {
                _ = try stores[index].insert(order, claiming: "key-\(index)", user: "usr_1", requestHash: "hash")
                outcomes.mutate { $0.append("stored") }
            } catch let error as DatabaseError where error.isConstraintViolation {
                outcomes.mutate { $0.append("clash") }
            } catch {
                outcomes.mutate { $0.append("\(error)") }
            }
        }
        #expect(outcomes.value.sorted() == ["clash", "stored"])
        #expect(try stores[0].numberExists("TBS-SAME00"))
        // The loser's key was not claimed: its transaction is gone as a whole.
        #expect(try opened.database.queryOne("SELECT COUNT(*) AS n FROM idempotency_keys")?.int("n") == 1)
    }

    @Test(arguments: StoreBackend.allCases)
    func eachOutboxEventIsDeliveredByOneOfTwoDispatchers(backend: StoreBackend) throws {
        let opened = try backend.open(); defer { opened.cleanUp() }
        let stores = [try OrderStore(database: opened.database), try OrderStore(database: opened.reopen())]
        let ids = try Self.appendEvents(30, to: stores[0])
        let consumer = CountingConsumer()
        let dispatchers = stores.map { OutboxDispatcher(store: $0, consumers: [], expiryConsumers: [consumer], startPaused: true) }
        #expect(dispatchers[0].identity != dispatchers[1].identity)
        StoreContractTests.atOnce(2) { index in
            for _ in 0..<100 where ((try? stores[index].undeliveredOutboxCount()) ?? 1) > 0 {
                dispatchers[index].deliverDueEvents()
            }
        }
        #expect(try stores[1].undeliveredOutboxCount() == 0)
        #expect(consumer.handled.sorted() == ids.sorted(), "each event handled once: \(consumer.handled.count) of \(ids.count)")
    }

    @Test(arguments: StoreBackend.allCases)
    func anEventHeldByADispatcherThatDiedIsDeliveredByAnotherAfterItsLease(backend: StoreBackend) throws {
        let opened = try backend.open(); defer { opened.cleanUp() }
        let stores = [try OrderStore(database: opened.database), try OrderStore(database: opened.reopen())]
        let ids = try Self.appendEvents(3, to: stores[0])
        // Claimed by an instance that is killed before it delivers anything.
        let held = try stores[0].claimDueOutboxEntries(by: "instance-killed", lease: 60)
        #expect(held.map(\.id).sorted() == ids.sorted())

        let consumer = CountingConsumer()
        let survivor = OutboxDispatcher(store: stores[1], consumers: [], expiryConsumers: [consumer], startPaused: true, lease: 60)
        #expect(survivor.deliverDueEvents() == 0, "the lease still holds the events")
        #expect(consumer.handled.isEmpty)
        #expect(survivor.deliverDueEvents(now: Date().addingTimeInterval(61)) == 3, "the lease ran out")
        #expect(consumer.handled.sorted() == ids.sorted())
        #expect(try stores[0].undeliveredOutboxCount() == 0)
        // Back from the dead, the first instance finds its events no longer its own.
        #expect(try !stores[0].renewOutboxLease(id: ids[0], by: "instance-killed", until: Date().addingTimeInterval(60)))
    }

    @Test(arguments: StoreBackend.allCases)
    func aConsumerClaimLetsOneOfTwoInstancesActAndAnotherTakeOverAfterItsLease(backend: StoreBackend) throws {
        let opened = try backend.open(); defer { opened.cleanUp() }
        let instances = [try ProcessedEvents(database: opened.database), try ProcessedEvents(database: opened.reopen())]
        let effects = Locked(0)
        let outcomes = Locked<[String]>([])
        StoreContractTests.atOnce(8) { index in
            do {
                try instances[index % 2].once("evt_1", consumer: "receipt") {
                    effects.mutate { $0 += 1 }
                    Thread.sleep(forTimeInterval: 0.05)   // an email on its way while the others arrive
                }
                outcomes.mutate { $0.append("done") }
            } catch {
                outcomes.mutate { $0.append("held elsewhere") }
            }
        }
        #expect(effects.value == 1, "\(outcomes.value)")
        #expect(try instances[1].contains("evt_1", consumer: "receipt"))
        try instances[1].once("evt_1", consumer: "receipt") { effects.mutate { $0 += 1 } }
        #expect(effects.value == 1, "a redelivery after it was handled does nothing")

        // An effect that fails frees the claim at once; a claim whose instance died holds until its lease runs out.
        #expect(throws: PipelineError.self) { try instances[0].once("evt_2", consumer: "receipt") { throw PipelineError("mail down") } }
        try instances[1].once("evt_2", consumer: "receipt") { effects.mutate { $0 += 1 } }
        #expect(effects.value == 2)
        let start = Date()
        #expect(try instances[0].claim("evt_3", consumer: "receipt", now: start))
        #expect(throws: PipelineError.self) { try instances[1].once("evt_3", consumer: "receipt") { effects.mutate { $0 += 1 } } }
        #expect(try !instances[1].contains("evt_3", consumer: "receipt"))
        let later = start.addingTimeInterval(instances[1].lease + 1)
        instances[1].clock = { later }
        try instances[1].once("evt_3", consumer: "receipt") { effects.mutate { $0 += 1 } }
        #expect(effects.value == 3)
        #expect(try instances[0].contains("evt_3", consumer: "receipt"))
    }

    // MARK: Helpers

    static func order(_ index: Int) -> StoredOrder {
        let money = Money(1000, "NZD")
        let order = Order(id: "ord_\(index)_\(UUID().uuidString.prefix(8))", number: OrderNumber.random(), status: .pendingPayment,
                          createdAt: "2026-01-01T00:00:00Z", email: "ann@example.com",
                          lines: [OrderLine(productId: "p1", name: "Book", kind: .digital, unitPrice: money, quantity: 1, lineTotal: money)],
                          subtotal: money, tax: Money(130, "NZD"), shipping: Money(0, "NZD"), total: money, deliveryAddress: nil,
                          card: nil, shipment: nil, paymentIntent: nil, cancellable: false)
        return StoredOrder(order: order, userId: "usr_1", cartId: "cart_1", createdEpoch: Date().timeIntervalSince1970,
                           expiresEpoch: Date().addingTimeInterval(1800).timeIntervalSince1970, stockReserved: false)
    }

    /// Appends `count` OrderExpired events, returning their ids.
    static func appendEvents(_ count: Int, to store: OrderStore) throws -> [String] {
        try (0..<count).map { index in
            let event = OrderExpired(eventId: "evt_\(index)_\(UUID().uuidString.prefix(8))", occurredAt: "2026-01-01T00:00:00Z",
                                     orderId: "ord_\(index)")
            try store.database.transaction { db in
                try store.appendToOutbox(id: event.eventId, type: OrderExpired.type, orderID: event.orderId,
                                         payload: try JSONBody.encode(event), in: db)
            }
            return event.eventId
        }
    }
}

/// Remembers every event it is given, from any thread.
final class CountingConsumer: OrderExpiredConsumer, @unchecked Sendable {
    let name = "counting"
    private let events = Locked<[String]>([])
    var handled: [String] { events.value }
    func handle(_ event: OrderExpired) throws { events.mutate { $0.append(event.eventId) } }
}
