import Foundation
import Testing
import StoreWire
@testable import StoreServices
import TestSupport

/// One charge per payment intent, whatever arrives and in whatever order:
/// confirms racing over real HTTP, retries, and approvals the order service
/// could not record (settled later: captured or voided).
@Suite struct OneChargeTests {
    static let cards = ["4242424242424242", "5555555555554444", "4012888888881881"]

    /// Sends all `requests` at the same moment from separate threads and returns the answers in order.
    static func race(_ requests: [() throws -> RawResponse]) -> [RawResponse?] {
        let answers = Locked([RawResponse?](repeating: nil, count: requests.count))
        let start = DispatchSemaphore(value: 0)
        let group = DispatchGroup()
        for (index, request) in requests.enumerated() {
            group.enter()
            Thread.detachNewThread {
                start.wait()
                let answer = try? request()
                answers.mutate { $0[index] = answer }
                group.leave()
            }
        }
        for _ in requests { start.signal() }
        group.wait()
        return answers.value
    }

    static func charges(_ shop: TestStore, order: Order) throws -> [CardNetwork.Charge] {
        try shop.store.commerce.payments.network.allCharges().filter { $0.orderId == order.id }
    }

    @Test func concurrentConfirmsWithDifferentCardsApproveOnce() throws {
        let shop = try commerceShop(); defer { shop.stop() }
        let sample = try CatalogueSample(shop)
        for round in 0..<10 {
            let shopper = try Shopper.signUp(shop)
            let order = try shopper.placeOrder([(sample.digital.id, 1)], address: nil)
            let answers = Self.race(Self.cards.enumerated().map { index, number in
                { try shopper.pay(order, card: testCard(number), key: "round\(round)-card\(index)") }
            })
            let approved = answers.enumerated().filter { $0.element?.status == 200 }
            #expect(approved.count == 1, "round \(round): \(answers.map { $0?.text ?? "no answer" })")
            for answer in answers where answer?.status != 200 {
                #expect(answer?.status == 409 && answer?.serviceError?.code == "payment_intent_unexpected_state",
                        "round \(round): \(answer?.text ?? "no answer")")
            }
            let charges = try Self.charges(shop, order: order)
            #expect(charges.filter { $0.status == .captured }.count == 1, "round \(round): \(charges.map(\.status))")
            #expect(!charges.contains { $0.status == .authorised })
            // The order records the card that was actually charged.
            guard let winner = approved.first else { continue }
            let charged = String(Self.cards[winner.offset].suffix(4))
            #expect(try shopper.order(order.id).card?.last4 == charged)
            #expect(try winner.element?.decode(PaymentResult.self).card.last4 == charged)
        }
        #expect(try count(shop, OrderStore.fileName, "SELECT COUNT(*) AS n FROM outbox WHERE type = 'OrderPurchased'") == 10)
    }

    @Test func concurrentRetriesOfOneAttemptAllAnswerTheOneCharge() throws {
        let shop = try commerceShop(); defer { shop.stop() }
        let sample = try CatalogueSample(shop)
        let shopper = try Shopper.signUp(shop)
        let order = try shopper.placeOrder([(sample.physical.id, 1)])
        let answers = Self.race((0..<4).map { _ in { try shopper.pay(order, key: "the-one-attempt") } })
        for answer in answers {
            #expect(answer?.status == 200, "\(answer?.text ?? "no answer")")
        }
        #expect(try Self.charges(shop, order: order).map(\.status) == [.captured])
        #expect(try count(shop, OrderStore.fileName, "SELECT COUNT(*) AS n FROM outbox WHERE type = 'OrderPurchased'") == 1)
    }

    @Test func aDeclinedAttemptLetsTheNextCardPay() throws {
        let shop = try commerceShop(); defer { shop.stop() }
        let sample = try CatalogueSample(shop)
        let shopper = try Shopper.signUp(shop)
        let order = try shopper.placeOrder([(sample.physical.id, 1)])
        let declined = try shopper.pay(order, card: testCard("4000000000000002"), key: "first")
        #expect(declined.status == 402)
        // The declined attempt retried is declined again, without asking the network anew.
        #expect(try shopper.pay(order, card: testCard("4000000000000002"), key: "first").status == 402)
        #expect(try shopper.pay(order, key: "second").status == 200)
        #expect(try Self.charges(shop, order: order).map(\.status) == [.declined, .captured])
    }

    @Test func anApprovalTheOrderCannotRecordIsFinishedByARetryOfTheAttempt() throws {
        let shop = try commerceShop(); defer { shop.stop() }
        let sample = try CatalogueSample(shop)
        let shopper = try Shopper.signUp(shop)
        let order = try shopper.placeOrder([(sample.physical.id, 1)])
        shop.store.faults.plan = try FaultPlan.parse(["order.refuse-payment-events=1"])
        let refused = try shopper.pay(order, key: "k1")
        #expect(refused.status == 503 && refused.serviceError?.code == "payment_not_recorded", "\(refused.text)")
        #expect(try Self.charges(shop, order: order).map(\.status) == [.authorised], "approved, not yet charged")
        #expect(try shopper.order(order.id).status == .pendingPayment)
        // Another attempt cannot pay while this one holds the order.
        let other = try shopper.pay(order, card: testCard("5555555555554444"), key: "k2")
        #expect(other.status == 409 && other.serviceError?.code == "payment_intent_unexpected_state")

        shop.store.faults.plan = FaultPlan()
        let retried = try shopper.pay(order, key: "k1")
        #expect(retried.status == 200, "\(retried.text)")
        #expect(try Self.charges(shop, order: order).map(\.status) == [.captured])
        #expect(try shopper.order(order.id).status == .paid)
    }

    @Test func settlementRecordsAnOpenApprovalOrVoidsIt() throws {
        let shop = try commerceShop(); defer { shop.stop() }
        let sample = try CatalogueSample(shop)
        let refuse = try FaultPlan.parse(["order.refuse-payment-events=1"])
        // Bob's approval is not recorded, and his order expires before it is: he must not be charged.
        let bob = try Shopper.signUp(shop)
        let bobsOrder = try bob.placeOrder([(sample.physical.id, 1)])
        shop.store.faults.plan = refuse
        #expect(try bob.pay(bobsOrder, key: "b").status == 503)
        shop.store.faults.plan = FaultPlan()
        let later = Date().addingTimeInterval(shop.store.commerce.orders.paymentWindow + 60)
        #expect(try shop.store.commerce.orders.expireOverdueOrders(now: later) == 1)
        #expect(try bob.order(bobsOrder.id).status == .expired)
        // Ann's approval is not recorded either, but her order still awaits it: she is charged once, and her order paid.
        let ann = try Shopper.signUp(shop)
        let annsOrder = try ann.placeOrder([(sample.physical.id, 1)])
        shop.store.faults.plan = refuse
        #expect(try ann.pay(annsOrder, key: "a").status == 503)
        shop.store.faults.plan = FaultPlan()

        let payments = try #require(shop.store.commerce.payments)
        #expect(payments.settleOpenAuthorisations(olderThan: 0) == 2)
        #expect(try Self.charges(shop, order: annsOrder).map(\.status) == [.captured])
        #expect(try ann.order(annsOrder.id).status == .paid)
        #expect(try Self.charges(shop, order: bobsOrder).map(\.status) == [.voided])
        #expect(payments.settleOpenAuthorisations(olderThan: 0) == 0, "nothing is left open")
    }

    @Test func anAttemptTakenOverAfterItsLeaseIsRefusedAndVoided() throws {
        let shop = try commerceShop(); defer { shop.stop() }
        let sample = try CatalogueSample(shop)
        let shopper = try Shopper.signUp(shop)
        let order = try shopper.placeOrder([(sample.physical.id, 1)])
        shop.store.commerce.orders.claimLease = 0.2
        shop.store.faults.plan = try FaultPlan.parse(["order.refuse-payment-events=1"])
        #expect(try shopper.pay(order, key: "stalled").status == 503)
        shop.store.faults.plan = FaultPlan()
        Thread.sleep(forTimeInterval: 0.3)
        // The stalled attempt's lease ran out: a new card may pay.
        let fresh = try shopper.pay(order, card: testCard("5555555555554444"), key: "fresh")
        #expect(fresh.status == 200, "\(fresh.text)")
        // The stalled attempt, retried, learns the order is paid by another and its approval is voided.
        let stalled = try shopper.pay(order, key: "stalled")
        #expect(stalled.status == 409 && stalled.serviceError?.code == "payment_intent_unexpected_state", "\(stalled.text)")
        let statuses = try Self.charges(shop, order: order).map { ($0.card?.last4 ?? "", $0.status) }
        #expect(statuses.map(\.0) == ["4242", "4444"] && statuses.map(\.1) == [.voided, .captured])
        #expect(try shopper.order(order.id).card?.last4 == "4444")
    }
}
