import Foundation
import Testing
import StoreWire
@testable import StoreServices
import TestSupport

/// The fault knobs: each does what it says, and the pipeline delivers
/// everything, once, after the fault is lifted.
@Suite struct FaultTests {
    @Test(arguments: [
        ("latency.order=fast", "duration"), ("errors.order=1.5", "rate"), ("errors.shop=1", "not a service"),
        ("dispatcher.stall=maybe", "on or off"), ("mail", "NAME=VALUE"), ("disk.fail=1", "unknown fault"),
    ])
    func badSettingsAreNamed(setting: String, words: String) {
        #expect {
            try FaultPlan.parse([setting])
        } throws: { error in
            String(describing: error).contains(words)
        }
    }

    @Test func settingsParse() throws {
        let plan = try FaultPlan.parse(["latency.all=250ms", "errors.cart=20%", "order.refuse-payment-events=on",
                                        "mail.fail=0.5", "dispatcher.stall=on"])
        #expect(plan.latency.count == 5 && plan.latency["payment"] == 0.25)
        #expect(plan.errorRate == ["cart": 0.2] && plan.refusePaymentEvents == 1 && plan.mailFailure == 0.5)
        #expect(plan.dispatcherStalled)
        #expect(try FaultPlan.fromEnvironment(["BETTERSTORE_FAULTS": "errors.user=1, latency.order=1s"])
                == FaultPlan.parse(["errors.user=1", "latency.order=1s"]))
    }

    @Test func errorsAndLatencyHitTheirServiceOnly() throws {
        let shop = try commerceShop(); defer { shop.stop() }
        shop.store.faults.plan = try FaultPlan.parse(["errors.product=1", "latency.cart=300ms"])
        let failed = try shop.send("GET", "/product/v1/categories")
        #expect(failed.status == 503 && failed.serviceError?.code == "fault_injected", "\(failed.text)")
        let started = Date()
        #expect(try shop.send("POST", "/cart/v1/carts").status == 201)
        #expect(Date().timeIntervalSince(started) >= 0.3, "the cart service waited first")
        shop.store.faults.plan = FaultPlan()
        #expect(try shop.send("GET", "/product/v1/categories").status == 200)
    }

    @Test func failingMailAndAStalledDispatcherLoseNothing() throws {
        let shop = try commerceShop(); defer { shop.stop() }
        let sample = try CatalogueSample(shop)
        let shopper = try Shopper.signUp(shop)
        shop.store.faults.plan = try FaultPlan.parse(["dispatcher.stall=on"])
        let stalled = try shopper.placeOrder([(sample.physical.id, 1)])
        #expect(try shopper.pay(stalled).status == 200, "a stalled pipeline does not stop payments")
        Thread.sleep(forTimeInterval: 1.5)
        #expect(try shop.store.commerce.orders.store.undeliveredOutboxCount() == 1)

        shop.store.faults.plan = try FaultPlan.parse(["mail.fail=1"])
        // Another product: the first order's delivery, once the stall is lifted, takes its own lines out of the cart.
        let unmailed = try shopper.placeOrder([(sample.secondPhysical.id, 1)])
        #expect(try shopper.pay(unmailed).status == 200)
        #expect(try eventually { try shipping(shop, stalled) == 1 && shipping(shop, unmailed) == 1 },
                "the other consumers go on while mail fails")
        #expect(try maildirMessages(shop).isEmpty)

        shop.store.faults.plan = FaultPlan()
        for _ in 0..<3 { shop.store.commerce.dispatcher.deliverDueEvents(now: Date().addingTimeInterval(600)) }
        #expect(try shop.store.commerce.orders.store.undeliveredOutboxCount() == 0)
        let receipts = try maildirMessages(shop).filter { $0.contains("Subject: Your receipt") }
        #expect(receipts.count == 2, "one receipt per order, after the faults")
        #expect(receipts.contains { $0.contains(stalled.number) } && receipts.contains { $0.contains(unmailed.number) })
    }

    @Test func aMessageSentTwiceLandsOnce() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("maildir-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        let mailer = MaildirMailer(root: root)
        let message = EmailMessage(from: "a@b.test", to: "c@d.test", subject: "Hi", messageID: "receipt.ord_1.evt_1@b.test",
                                   date: Date(), body: "Hello")
        try mailer.send(message)
        try mailer.send(message)
        let names = try FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent("new").path)
        #expect(names == ["receipt.ord_1.evt_1_b.test.betterstore"])
        #expect(try FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent("tmp").path).isEmpty)
    }
}
