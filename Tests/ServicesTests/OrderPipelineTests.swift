import Foundation
import Testing
import StoreHTTP
import StoreWire
@testable import StoreServices
import TestSupport

/// `GET /order/v1/orders/{id}/pipeline`: the OrderPurchased steps of the
/// caller's own order, each appearing once it is done.
@Suite struct OrderPipelineTests {
    private func pipeline(_ shopper: Shopper, _ order: Order) throws -> OrderPipeline {
        let answer = try shopper.send("GET", "/order/v1/orders/\(order.id)/pipeline")
        #expect(answer.status == 200, "\(answer.text)")
        return try answer.decode(OrderPipeline.self)
    }

    /// A shop with its pipeline paused, its databases on `backend`.
    private func pausedShop(_ backend: StoreBackend) throws -> TestStore {
        var options = TestStore.fastOptions
        options.pipelinePaused = true
        if backend == .mariadb {
            let server = try MariaDBServer.shared()
            options.databases = DatabaseSettings(all: .mariadb(server.endpoint, schemaPrefix: server.freshSchema("pipeline")))
        }
        return try TestStore(options: options)
    }

    @Test(arguments: StoreBackend.allCases, [false, true])
    func stepsAppearAsTheEventIsDeliveredAndOnlyTheOwnerSeesThem(backend: StoreBackend, digital: Bool) throws {
        let shop = try pausedShop(backend); defer { shop.stop() }
        let sample = try CatalogueSample(shop)
        let shopper = try Shopper.signUp(shop)
        let items = [(sample.physical.id, 1)] + (digital ? [(sample.digital.id, 1)] : [])
        let order = try shopper.placeOrder(items)

        let unpaid = try pipeline(shopper, order)
        #expect(unpaid.steps.map(\.name) == ["order_stored"] && unpaid.paidAt == nil && !unpaid.complete)

        #expect(try shopper.pay(order).status == 200)
        let paid = try pipeline(shopper, order)
        #expect(paid.steps.map(\.name) == ["order_stored", "payment_approved"] && !paid.complete,
                "nothing is delivered while the dispatcher is paused")
        #expect(paid.steps.last?.sincePaymentMs == 0)
        #expect((paid.steps.first?.sincePaymentMs ?? 0) <= 0, "the order was stored before it was paid")

        #expect(shop.store.commerce.dispatcher.deliverDueEvents() == 1)
        let done = try pipeline(shopper, order)
        var expected: Set<String> = ["order_stored", "payment_approved", "reporting_row_written", "receipt_sent",
                                     "shipping_order_created"]
        if digital { expected.insert("download_email_sent") }
        #expect(Set(done.steps.map(\.name)) == expected && done.steps.count == expected.count && done.complete)
        let tracking = try shopper.order(order.id).shipment?.trackingNumber
        #expect(tracking != nil && done.steps.first { $0.name == "shipping_order_created" }?.detail == tracking)
        for step in done.steps where step.name != "order_stored" {
            #expect((step.sincePaymentMs ?? -1) >= 0, "\(step.name) comes after payment")
        }
        #expect(done.steps.map(\.at) == done.steps.map(\.at).sorted())

        let stranger = try Shopper.signUp(shop)
        let refused = try stranger.send("GET", "/order/v1/orders/\(order.id)/pipeline")
        #expect(refused.status == 404 && refused.serviceError?.code == "order_not_found")
        #expect(try shop.send("GET", "/order/v1/orders/\(order.id)/pipeline").status == 401)
    }

    @Test(arguments: StoreBackend.allCases)
    func theOutboxKeepsEachEventsOrderAndTraceAndConsumersTheirTimes(backend: StoreBackend) throws {
        let opened = try backend.open(); defer { opened.cleanUp() }
        let store = try OrderStore(database: opened.database)
        let trace = TraceParent.newTrace()
        try TraceContext.withValue(trace) {
            try store.database.transaction { db in
                try store.appendToOutbox(id: "evt_traced", type: OrderPurchased.type, orderID: "ord_traced",
                                         payload: Data("{}".utf8), in: db)
            }
        }
        #expect(try store.outboxEntry(id: "evt_traced")?.traceID == trace.traceID)
        #expect(try store.purchaseEvent(orderID: "ord_traced")?.id == "evt_traced")
        #expect(try store.purchaseEvent(orderID: "ord_other") == nil)

        // The same database plays the consumers' here: each table is its own.
        let processed = try ProcessedEvents(database: opened.database)
        let before = Date().timeIntervalSince1970
        try processed.once("evt_traced", consumer: "receipt") {}
        let handled = try #require(try processed.handledTimes(of: "evt_traced")["receipt"])
        #expect(handled >= before - 1 && handled <= Date().timeIntervalSince1970 + 1)
        #expect(try processed.handledTimes(of: "evt_other").isEmpty)
    }
}
