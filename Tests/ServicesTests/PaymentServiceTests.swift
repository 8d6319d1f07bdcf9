import Foundation
import Testing
import StoreWire
@testable import StoreServices
import TestSupport

/// The payment service over real HTTP: approvals, declines, malformed cards, access control.
@Suite struct PaymentServiceTests {
    @Test func anApprovedCardPaysTheOrder() throws {
        let shop = try commerceShop(); defer { shop.stop() }
        let sample = try CatalogueSample(shop)
        let shopper = try Shopper.signUp(shop)
        let order = try shopper.placeOrder([(sample.physical.id, 1)])
        let answer = try shopper.pay(order, card: testCard("4242 4242 4242 4242"))
        #expect(answer.status == 200, "\(answer.text)")
        let result = try answer.decode(PaymentResult.self)
        #expect(result == PaymentResult(status: "succeeded", card: CardSummary(brand: .visa, last4: "4242"), orderId: order.id))
        let paid = try shopper.order(order.id)
        #expect(paid.status == .paid && paid.card == CardSummary(brand: .visa, last4: "4242"))
        #expect(paid.paymentIntent == nil)
        #expect(!answer.text.contains("4242424242424242"))
    }

    @Test(arguments: [("5555555555554444", CardBrand.mastercard, "4444"), ("378282246310005", .amex, "0005"),
                      ("4012888888881881", .visa, "1881")])
    func otherValidCardsApprove(number: String, brand: CardBrand, last4: String) throws {
        let shop = try commerceShop(); defer { shop.stop() }
        let sample = try CatalogueSample(shop)
        let shopper = try Shopper.signUp(shop)
        let order = try shopper.placeOrder([(sample.digital.id, 1)], address: nil)
        let answer = try shopper.pay(order, card: testCard(number))
        #expect(answer.status == 200, "\(answer.text)")
        #expect(try answer.decode(PaymentResult.self).card == CardSummary(brand: brand, last4: last4))
    }

    @Test func declinesAre402WithTheDeclineCodeAndLeaveTheOrderUnpaid() throws {
        let shop = try commerceShop(); defer { shop.stop() }
        let sample = try CatalogueSample(shop)
        let shopper = try Shopper.signUp(shop)
        let order = try shopper.placeOrder([(sample.physical.id, 1)])
        let declines = ["4000000000000002": "card_declined", "4000000000009995": "insufficient_funds",
                        "4000000000000127": "incorrect_cvc", "4000000000000069": "expired_card",
                        "4000000000000119": "processing_error"]
        for (number, code) in declines {
            let answer = try shopper.pay(order, card: testCard(number))
            #expect(answer.status == 402, "\(code): \(answer.text)")
            #expect(answer.serviceError?.type == "card_error" && answer.serviceError?.code == code)
            #expect(answer.serviceError?.message.isEmpty == false)
            #expect(!answer.text.contains(number))
        }
        let unpaid = try shopper.order(order.id)
        #expect(unpaid.status == .pendingPayment && unpaid.card == nil)
        // The cart is kept after a decline.
        let cart = try shopper.send("GET", "/cart/v1/carts/mine").decode(Cart.self)
        #expect(cart.lines.map(\.productId) == [sample.physical.id])
        // And the same order can still be paid.
        #expect(try shopper.pay(order).status == 200)
    }

    @Test func aDeclineLeavesTheIntentToBeConfirmedAgainWithAnotherCard() throws {
        let shop = try commerceShop(); defer { shop.stop() }
        let sample = try CatalogueSample(shop)
        let shopper = try Shopper.signUp(shop)
        let order = try shopper.placeOrder([(sample.physical.id, 1)])
        for number in ["4000000000000002", "4000000000009995"] {
            let declined = try shopper.pay(order, card: testCard(number))
            #expect(declined.status == 402, "\(declined.text)")
            let unpaid = try shopper.order(order.id)
            #expect(unpaid.status == .pendingPayment && unpaid.card == nil)
            #expect(unpaid.paymentIntent == order.paymentIntent)
            #expect(try shopper.orders().isEmpty)
        }
        let answer = try shopper.pay(order, card: testCard("5555555555554444"))
        #expect(answer.status == 200, "\(answer.text)")
        #expect(try answer.decode(PaymentResult.self) == PaymentResult(status: "succeeded",
                                                                      card: CardSummary(brand: .mastercard, last4: "4444"),
                                                                      orderId: order.id))
        let paid = try shopper.order(order.id)
        #expect(paid.status == .paid && paid.card == CardSummary(brand: .mastercard, last4: "4444"))
        #expect(try shopper.orders().map(\.id) == [order.id])
        #expect(try shopper.storedOrderCount() == 1)
    }

    @Test func malformedCardsAre400NamingTheFieldWithoutEchoingIt() throws {
        let shop = try commerceShop(); defer { shop.stop() }
        let sample = try CatalogueSample(shop)
        let shopper = try Shopper.signUp(shop)
        let order = try shopper.placeOrder([(sample.physical.id, 1)])
        var expired = testCard("4242424242424242")
        expired.expYear = 2020
        var badMonth = testCard("4242424242424242")
        badMonth.expMonth = 13
        var noName = testCard("4242424242424242")
        noName.name = " "
        let cases: [(CardDetails, String)] = [
            (testCard("4242424242424241"), "card.number"),
            (testCard("42424242424242"), "card.number"),
            (testCard("4242x42424242424"), "card.number"),
            (badMonth, "card.exp_month"),
            (expired, "card.exp_year"),
            (testCard("4242424242424242", cvc: "12"), "card.cvc"),
            (testCard("378282246310005", cvc: "123"), "card.cvc"),
            (noName, "card.name"),
        ]
        for (card, field) in cases {
            let answer = try shopper.pay(order, card: card)
            #expect(answer.status == 400, "\(field): \(answer.text)")
            #expect(answer.serviceError?.type == "invalid_request_error" && answer.serviceError?.param == field, "\(answer.text)")
            #expect(answer.serviceError?.code.hasPrefix("invalid_") == true)
            #expect(!answer.text.contains(card.number) && !answer.text.contains("\"\(card.cvc)\""))
        }
        #expect(try shopper.order(order.id).status == .pendingPayment)
    }

    @Test func onlyTheOwnerWithTheRightSecretCanPay() throws {
        let shop = try commerceShop(); defer { shop.stop() }
        let sample = try CatalogueSample(shop)
        let ann = try Shopper.signUp(shop)
        let bob = try Shopper.signUp(shop)
        let order = try ann.placeOrder([(sample.physical.id, 1)])
        let bobsOrder = try bob.placeOrder([(sample.physical.id, 1)])
        let intent = try #require(order.paymentIntent)

        // No token or a bad token.
        let body = String(decoding: try JSONEncoder().encode(ConfirmPaymentRequest(clientSecret: intent.clientSecret,
                                                                                    card: testCard("4242424242424242"))), as: UTF8.self)
        let path = "/payment/v1/payment-intents/\(intent.id)/confirm"
        #expect(try shop.send("POST", path, json: body).status == 401)
        #expect(try shop.send("POST", path, json: body, headers: ["Authorization": "Bearer nope"]).status == 401)
        // Another shopper's token, with the genuine secret.
        let stranger = try bob.send("POST", path, json: body)
        #expect(stranger.status == 403, "\(stranger.text)")
        // The secret of another intent.
        let wrongSecret = try ann.pay(order, secret: try #require(bobsOrder.paymentIntent).clientSecret)
        #expect(wrongSecret.status == 401, "\(wrongSecret.text)")
        // A tampered intent id.
        var tampered = order
        tampered.paymentIntent?.id = String(intent.id.dropLast(3)) + "abc"
        #expect(try ann.pay(tampered).status == 404)
        #expect(try ann.order(order.id).status == .pendingPayment)
        #expect(try ann.pay(order).status == 200)
    }

    @Test func confirmingAgainChargesNothingMore() throws {
        let shop = try commerceShop(); defer { shop.stop() }
        let sample = try CatalogueSample(shop)
        let shopper = try Shopper.signUp(shop)
        let order = try shopper.placeOrder([(sample.physical.id, 1)])
        let first = try shopper.pay(order, key: "attempt-1")
        // A retry of the same attempt is answered as the first time.
        let retry = try shopper.pay(order, key: "attempt-1")
        #expect(first.status == 200 && retry.status == 200, "\(retry.text)")
        #expect(try retry.decode(PaymentResult.self).card.last4 == "4242")
        // Another attempt, with another card, is refused: the order is paid.
        let second = try shopper.pay(order, card: testCard("5555555555554444"), key: "attempt-2")
        #expect(second.status == 409, "\(second.text)")
        #expect(second.serviceError?.code == "payment_intent_unexpected_state")
        // The same key with another card is a misuse of the key.
        let reused = try shopper.pay(order, card: testCard("5555555555554444"), key: "attempt-1")
        #expect(reused.status == 409 && reused.serviceError?.code == "idempotency_key_reused", "\(reused.text)")
        let charges = try shop.store.commerce.payments.network.allCharges()
        #expect(charges.map(\.status) == [.captured])
        #expect(try count(shop, OrderStore.fileName, "SELECT COUNT(*) AS n FROM outbox") == 1)
    }

    @Test func paymentEventsMustBeSigned() throws {
        let shop = try commerceShop(); defer { shop.stop() }
        let sample = try CatalogueSample(shop)
        let shopper = try Shopper.signUp(shop)
        let order = try shopper.placeOrder([(sample.physical.id, 1)])
        let event = PaymentEvent(id: "pay_x", type: PaymentEvent.succeeded, orderId: order.id, userId: shopper.email,
                                 attempt: "a1", amount: order.total, card: CardSummary(brand: .visa, last4: "4242"))
        let body = try JSONEncoder().encode(event)
        let path = OrderService.paymentEventsPath
        var claim = event
        claim.type = PaymentEvent.processing
        let claimBody = try JSONEncoder().encode(claim)
        #expect(try shop.send("POST", path, headers: ["Content-Type": "application/json"], body: body).status == 401)
        let foreign = EventSignature(key: SigningKey(master: Crypto.randomBytes(32))).sign(body)
        #expect(try shop.send("POST", path, headers: [EventSignature.headerName: foreign, "Content-Type": "application/json"], body: body).status == 401)
        #expect(try shopper.order(order.id).status == .pendingPayment)

        let genuine = EventSignature(key: try SigningKey.loadOrCreate(in: shop.dataDirectory))
        // Only the attempt holding the order may mark it paid.
        let unclaimed = try shop.send("POST", path, headers: [EventSignature.headerName: genuine.sign(body), "Content-Type": "application/json"], body: body)
        #expect(unclaimed.status == 409, "\(unclaimed.text)")
        let claimed = try shop.send("POST", path, headers: [EventSignature.headerName: genuine.sign(claimBody), "Content-Type": "application/json"], body: claimBody)
        #expect(claimed.status == 200, "\(claimed.text)")
        let accepted = try shop.send("POST", path, headers: [EventSignature.headerName: genuine.sign(body), "Content-Type": "application/json"], body: body)
        #expect(accepted.status == 200, "\(accepted.text)")
        let again = try shop.send("POST", path, headers: [EventSignature.headerName: genuine.sign(body), "Content-Type": "application/json"], body: body)
        #expect(again.status == 200)
        #expect(try shopper.order(order.id).status == .paid)
        #expect(try count(shop, OrderStore.fileName, "SELECT COUNT(*) AS n FROM outbox") == 1)
        // A signed body changed after signing is refused.
        let header = genuine.sign(body)
        var altered = body
        altered.append(contentsOf: Array(" ".utf8))
        #expect(try shop.send("POST", path, headers: [EventSignature.headerName: header, "Content-Type": "application/json"], body: altered).status == 401)
    }
}
