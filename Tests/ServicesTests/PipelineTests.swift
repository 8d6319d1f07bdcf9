import Foundation
import Testing
import StoreWire
@testable import StoreServices
import TestSupport

/// The OrderPurchased pipeline: one paid order gives exactly one reporting
/// row, one receipt and one shipping order, however often it is delivered.
@Suite struct PipelineTests {
    private func reportingRows(_ shop: TestStore, _ order: Order) throws -> Int {
        try count(shop, ReportingStore.fileName, "SELECT COUNT(*) AS n FROM report_orders WHERE order_id = ?", order.id)
    }

    private func shippingOrders(_ shop: TestStore, _ order: Order) throws -> Int {
        try count(shop, FulfillmentStore.fileName, "SELECT COUNT(*) AS n FROM shipping_orders WHERE order_id = ?", order.id)
    }

    private func receipts(_ shop: TestStore, _ order: Order) throws -> [String] {
        try maildirMessages(shop).filter { $0.contains("Subject: Your receipt for order \(order.number)") }
    }

    private func expectExactlyOnce(_ shop: TestStore, _ order: Order) throws {
        #expect(try reportingRows(shop, order) == 1)
        #expect(try receipts(shop, order).count == 1)
        #expect(try shippingOrders(shop, order) == 1)
    }

    @Test func aPaidOrderReachesReportingReceiptFulfillmentAndEmptiesTheCart() throws {
        let shop = try commerceShop(); defer { shop.stop() }
        let sample = try CatalogueSample(shop)
        let shopper = try Shopper.signUp(shop)
        let order = try shopper.placeOrder([(sample.physical.id, 2), (sample.secondPhysical.id, 1)])
        #expect(try shopper.pay(order, card: testCard("5555555555554444")).status == 200)
        #expect(try eventually { try shop.store.commerce.orders.store.undeliveredOutboxCount() == 0 })
        try expectExactlyOnce(shop, order)

        let lines = try count(shop, ReportingStore.fileName, "SELECT COUNT(*) AS n FROM report_order_lines WHERE order_id = ?", order.id)
        #expect(lines == 2)
        let receipt = try #require(try receipts(shop, order).first)
        for header in ["Date: ", "From: ", "To: \(shopper.email)", "Message-ID: <", "MIME-Version: 1.0",
                       "Content-Type: text/plain; charset=UTF-8"] {
            #expect(receipt.contains(header), "receipt lacks \(header)")
        }
        #expect(receipt.contains("Mastercard ending in 4444") && !receipt.contains("5555555555554444"))
        #expect(receipt.contains(order.total.formatted))

        let seen = try shopper.order(order.id)
        #expect(seen.shipment?.status == FulfillmentStore.awaitingDispatch)
        let tracking = try #require(seen.shipment?.trackingNumber)
        #expect(tracking.hasPrefix("BS") && tracking.hasSuffix("NZ"))
        #expect(seen.cancellable)
        let cart = try shopper.send("GET", "/cart/v1/carts/mine").decode(Cart.self)
        #expect(cart.lines.isEmpty, "the cart is emptied once the order is paid")
    }

    @Test func digitalItemsAreDeliveredByEmailAndNeverShipped() throws {
        let shop = try commerceShop(); defer { shop.stop() }
        let sample = try CatalogueSample(shop)
        let shopper = try Shopper.signUp(shop)
        let order = try shopper.placeOrder([(sample.digital.id, 1)], address: nil)
        #expect(try shopper.pay(order).status == 200)
        #expect(try eventually { try shop.store.commerce.orders.store.undeliveredOutboxCount() == 0 })
        #expect(try maildirMessages(shop).count == 2)
        let messages = try maildirMessages(shop)
        #expect(messages.filter { $0.contains("Subject: Your downloads for order \(order.number)") }.count == 1)
        #expect(messages.contains { $0.contains("downloads.betterstore.test") })
        #expect(try shippingOrders(shop, order) == 0)
        let seen = try shopper.order(order.id)
        #expect(seen.shipment?.status == FulfillmentStore.deliveredByEmail && seen.shipment?.trackingNumber == nil)
        #expect(!seen.cancellable)
        let cancel = try shopper.send("POST", "/order/v1/orders/\(order.id)/cancel")
        #expect(cancel.status == 409 && cancel.serviceError?.code == "order_not_cancellable", "\(cancel.text)")
    }

    @Test func deliveringTheSameEventTwiceChangesNothing() throws {
        let shop = try commerceShop(pipelinePaused: true); defer { shop.stop() }
        let sample = try CatalogueSample(shop)
        let shopper = try Shopper.signUp(shop)
        let order = try shopper.placeOrder([(sample.physical.id, 1), (sample.digital.id, 1)])
        #expect(try shopper.pay(order).status == 200)
        let dispatcher = try #require(shop.store.commerce.dispatcher)
        #expect(try reportingRows(shop, order) == 0, "paused: nothing delivered yet")
        #expect(dispatcher.deliverDueEvents() == 1)
        let eventID = try #require(try shop.store.commerce.orders.store.database
            .queryOne("SELECT id FROM outbox")?.string("id"))
        #expect(dispatcher.redeliver(eventID: eventID))
        #expect(dispatcher.redeliver(eventID: eventID))
        try expectExactlyOnce(shop, order)
        #expect(try maildirMessages(shop).count == 2, "one receipt and one download email")
        #expect(dispatcher.deliverDueEvents() == 0)
    }

    @Test func aRestartBetweenPaymentAndDeliveryLosesNothing() throws {
        let shop = try commerceShop(pipelinePaused: true); defer { shop.stop() }
        let sample = try CatalogueSample(shop)
        let shopper = try Shopper.signUp(shop)
        let order = try shopper.placeOrder([(sample.physical.id, 1)])
        #expect(try shopper.pay(order).status == 200)
        #expect(try reportingRows(shop, order) == 0 && receipts(shop, order).isEmpty && shippingOrders(shop, order) == 0)

        try shop.restart()
        #expect(try shop.store.commerce.orders.store.undeliveredOutboxCount() == 1)
        shop.store.commerce.dispatcher.resume()
        #expect(try eventually { try shop.store.commerce.orders.store.undeliveredOutboxCount() == 0 })
        try expectExactlyOnce(shop, order)
        #expect(try shopper.order(order.id).status == .paid)
    }

    @Test func aFailingConsumerIsRetriedWithoutDuplicatingTheOthers() throws {
        // Nothing listens on port 1: every SMTP delivery fails, so the event stays in the outbox.
        let shop = try commerceShop(pipelinePaused: true, smtpURL: "smtp://127.0.0.1:1"); defer { shop.stop() }
        let sample = try CatalogueSample(shop)
        let shopper = try Shopper.signUp(shop)
        let order = try shopper.placeOrder([(sample.physical.id, 1)])
        #expect(try shopper.pay(order).status == 200)
        let dispatcher = try #require(shop.store.commerce.dispatcher)
        #expect(dispatcher.deliverDueEvents() == 0)
        #expect(dispatcher.deliverDueEvents(now: Date().addingTimeInterval(3_600)) == 0)
        let row = try #require(try shop.store.commerce.orders.store.database.queryOne("SELECT attempts, last_error, next_attempt_epoch FROM outbox"))
        #expect(row.int("attempts") == 2)
        #expect(row.string("last_error").contains("receipt"))
        #expect(row.double("next_attempt_epoch") > Date().timeIntervalSince1970, "backs off before the next try")
        #expect(try reportingRows(shop, order) == 1 && shippingOrders(shop, order) == 1)
        #expect(try shop.store.commerce.orders.store.undeliveredOutboxCount() == 1)
    }

    @Test func cancellingAPaidPhysicalOrderCancelsItsShipment() throws {
        let shop = try commerceShop(); defer { shop.stop() }
        let sample = try CatalogueSample(shop)
        let shopper = try Shopper.signUp(shop)
        let order = try shopper.placeOrder([(sample.physical.id, 1)])
        let pending = try shopper.send("POST", "/order/v1/orders/\(order.id)/cancel")
        #expect(pending.status == 409, "an unpaid order cannot be cancelled: \(pending.text)")
        #expect(try shopper.pay(order).status == 200)
        #expect(try eventually { try shippingOrders(shop, order) == 1 })
        let stockBefore = try #require(try shop.store.products.product(id: sample.physical.id)).stock

        let answer = try shopper.send("POST", "/order/v1/orders/\(order.id)/cancel")
        #expect(answer.status == 200, "\(answer.text)")
        let cancelled = try answer.decode(Order.self)
        #expect(cancelled.status == .cancelled && !cancelled.cancellable)
        #expect(cancelled.shipment?.status == FulfillmentStore.cancelled)
        #expect(try eventually { try #require(try shop.store.products.product(id: sample.physical.id)).stock == stockBefore + 1 },
                "the cancelled order's stock goes back on sale")
        let again = try shopper.send("POST", "/order/v1/orders/\(order.id)/cancel")
        #expect(again.status == 409)
        #expect(try eventually {
            try count(shop, ReportingStore.fileName, "SELECT COUNT(*) AS n FROM report_orders WHERE order_id = ? AND status = 'CANCELLED'", order.id) == 1
        }, "the reporting database learns of the cancellation")
    }

    @Test func aDispatchedOrderCannotBeCancelled() throws {
        let shop = try commerceShop(); defer { shop.stop() }
        let sample = try CatalogueSample(shop)
        let shopper = try Shopper.signUp(shop)
        let order = try shopper.placeOrder([(sample.physical.id, 1)])
        #expect(try shopper.pay(order).status == 200)
        #expect(try eventually { try shippingOrders(shop, order) == 1 })
        try shop.store.commerce.fulfillment.markDispatched(orderId: order.id)
        #expect(try shopper.order(order.id).cancellable == false)
        let answer = try shopper.send("POST", "/order/v1/orders/\(order.id)/cancel")
        #expect(answer.status == 409 && answer.serviceError?.message.contains("dispatched") == true, "\(answer.text)")
        #expect(try shopper.order(order.id).status == .paid)
    }

    @Test func anOrderCancelledBeforeItsEventArrivesShipsNothing() throws {
        let shop = try commerceShop(pipelinePaused: true); defer { shop.stop() }
        let sample = try CatalogueSample(shop)
        let shopper = try Shopper.signUp(shop)
        let order = try shopper.placeOrder([(sample.physical.id, 1)])
        #expect(try shopper.pay(order).status == 200)
        #expect(try shopper.send("POST", "/order/v1/orders/\(order.id)/cancel").status == 200)
        shop.store.commerce.dispatcher.deliverDueEvents()
        let status = try shop.store.commerce.fulfillment.database
            .queryOne("SELECT status FROM shipping_orders WHERE order_id = ?", order.id)?.string("status")
        #expect(status == FulfillmentStore.cancelled)
        #expect(try shopper.order(order.id).status == .cancelled)
        // Delivered in order, or retried until they are: the report ends cancelled, whichever came first.
        let dispatcher = try #require(shop.store.commerce.dispatcher)
        let later = Date().addingTimeInterval(600)
        dispatcher.deliverDueEvents(now: later)
        #expect(try shop.store.commerce.orders.store.undeliveredOutboxCount() == 0)
        #expect(try count(shop, ReportingStore.fileName, "SELECT COUNT(*) AS n FROM report_orders WHERE order_id = ? AND status = 'CANCELLED'", order.id) == 1)
    }
}
