import Foundation
import Testing
import StoreWire
@testable import StoreServices
import TestSupport

/// The order service over real HTTP: creation rules, server-side pricing, history, access control.
@Suite struct OrderServiceTests {
    @Test func createNeedsASignedInUserAndAnIdempotencyKey() throws {
        let shop = try commerceShop(); defer { shop.stop() }
        let body = #"{"cartId": "mine", "deliveryAddress": null}"#
        let anonymous = try shop.send("POST", "/order/v1/orders", json: body, headers: ["Idempotency-Key": "k1"])
        #expect(anonymous.status == 401)
        let bad = try shop.send("POST", "/order/v1/orders", json: body, headers: ["Idempotency-Key": "k1", "Authorization": "Bearer x.y.z"])
        #expect(bad.status == 401)
        let shopper = try Shopper.signUp(shop)
        let noKey = try shopper.send("POST", "/order/v1/orders", json: body)
        #expect(noKey.status == 400)
        #expect(noKey.serviceError?.code == "missing_idempotency_key" && noKey.serviceError?.param == "Idempotency-Key")
    }

    @Test func anOrderIsPricedByTheServerFromTheCatalogue() throws {
        let shop = try commerceShop(); defer { shop.stop() }
        let sample = try CatalogueSample(shop)
        let shopper = try Shopper.signUp(shop)
        try shopper.fillCart([(sample.physical.id, 2), (sample.digital.id, 1)])
        // A price or total sent by the client is ignored.
        let body = #"{"cartId": "mine", "deliveryAddress": {"name": "Ann", "line1": "1 Queen St", "line2": "", "city": "Auckland", "postcode": "1010", "country": "New Zealand"}, "total": {"amount": 1, "currency": "NZD"}}"#
        let answer = try shopper.send("POST", "/order/v1/orders", json: body, headers: ["Idempotency-Key": "price-1"])
        #expect(answer.status == 201, "\(answer.text)")
        let order = try answer.decode(Order.self)
        #expect(order.status == .pendingPayment)
        #expect(order.number.hasPrefix("TBS-") && order.number.count == 10)
        #expect(order.number.dropFirst(4).allSatisfy { "0123456789ABCDEFGHJKMNPQRSTVWXYZ".contains($0) })
        #expect(order.email == shopper.email)
        #expect(order.lines.map(\.productId) == [sample.physical.id, sample.digital.id])
        #expect(order.lines[0].unitPrice == sample.physical.price && order.lines[0].lineTotal.amount == sample.physical.price.amount * 2)
        let subtotal = sample.physical.price.amount * 2 + sample.digital.price.amount
        let shipping = sample.physical.price.amount * 2 >= 10_000 ? 0 : 800
        #expect(order.subtotal.amount == subtotal && order.shipping.amount == shipping)
        #expect(order.total.amount == subtotal + shipping)
        #expect(order.tax.amount == Int((Double(subtotal + shipping) * 3 / 23).rounded()))
        let intent = try #require(order.paymentIntent)
        #expect(intent.amount == order.total && !intent.id.isEmpty && !intent.clientSecret.isEmpty && intent.id != intent.clientSecret)
        #expect(order.deliveryAddress?.city == "Auckland")
        #expect(order.cancellable == false && order.card == nil)
        #expect(try shopper.order(order.id) == order)
    }

    @Test func anAnonymousCartCanBeOrderedFromAndDigitalOnlyNeedsNoAddress() throws {
        let shop = try commerceShop(); defer { shop.stop() }
        let sample = try CatalogueSample(shop)
        let shopper = try Shopper.signUp(shop)
        let cart = try shop.send("POST", "/cart/v1/carts").decode(Cart.self)
        #expect(try shop.send("PUT", "/cart/v1/carts/\(cart.id)/items/\(sample.digital.id)", json: #"{"quantity": 2}"#).status == 200)
        let answer = try shopper.createOrder(cartId: cart.id, address: nil)
        #expect(answer.status == 201, "\(answer.text)")
        let order = try answer.decode(Order.self)
        #expect(order.shipping.amount == 0 && order.deliveryAddress == nil)
        #expect(order.total.amount == sample.digital.price.amount * 2)
    }

    @Test func badCartsAndAddressesAreRefused() throws {
        let shop = try commerceShop(); defer { shop.stop() }
        let sample = try CatalogueSample(shop)
        let shopper = try Shopper.signUp(shop)

        let empty = try shopper.createOrder()
        #expect(empty.status == 409 && empty.serviceError?.code == "cart_empty", "\(empty.text)")
        let unknown = try shopper.createOrder(cartId: "0123456789abcdef0123456789abcdef")
        #expect(unknown.status == 404, "\(unknown.text)")

        try shopper.fillCart([(sample.physical.id, 1)])
        let noAddress = try shopper.createOrder(address: nil)
        #expect(noAddress.status == 422 && noAddress.serviceError?.param == "deliveryAddress", "\(noAddress.text)")
        var blankCity = aucklandAddress
        blankCity.city = " "
        let badAddress = try shopper.createOrder(address: blankCity)
        #expect(badAddress.status == 422 && badAddress.serviceError?.param == "deliveryAddress.city", "\(badAddress.text)")
        let malformed = try shopper.send("POST", "/order/v1/orders", json: #"{"cartId": 5}"#, headers: ["Idempotency-Key": "m"])
        #expect(malformed.status == 422 && malformed.serviceError?.param == "cartId", "\(malformed.text)")
    }

    @Test func aLineAboveStockIsAConflict() throws {
        let shop = try commerceShop(); defer { shop.stop() }
        let sample = try CatalogueSample(shop)
        let shopper = try Shopper.signUp(shop)
        try shopper.fillCart([(sample.physical.id, 3)])
        // Stock runs low after the cart was filled.
        var scarce = sample.physical
        scarce.stock = 2
        try shop.store.products.upsert(scarce)
        let answer = try shopper.createOrder()
        #expect(answer.status == 409, "\(answer.text)")
        #expect(answer.serviceError?.code == "out_of_stock")
        #expect(try shopper.storedOrderCount() == 0)
    }

    @Test func historyIsMineOnlyNewestFirst() throws {
        let shop = try commerceShop(); defer { shop.stop() }
        let sample = try CatalogueSample(shop)
        let ann = try Shopper.signUp(shop)
        let bob = try Shopper.signUp(shop)
        let first = try ann.placeOrder([(sample.physical.id, 1)])
        #expect(try ann.pay(first).status == 200)
        let second = try ann.placeOrder([(sample.digital.id, 1)])
        #expect(try ann.pay(second).status == 200)
        let bobs = try bob.placeOrder([(sample.physical.id, 1)])
        #expect(try bob.pay(bobs).status == 200)
        #expect(try ann.orders().map(\.id) == [second.id, first.id])
        #expect(try bob.orders().map(\.id) == [bobs.id])
        #expect(first.number != second.number)
        #expect(try shop.send("GET", "/order/v1/orders").status == 401)
    }

    @Test func ordersOlderThanSixMonthsAreLeftOutOfHistory() throws {
        let shop = try commerceShop(); defer { shop.stop() }
        let sample = try CatalogueSample(shop)
        let ann = try Shopper.signUp(shop)
        let old = try ann.placeOrder([(sample.physical.id, 1)])
        #expect(try ann.pay(old).status == 200)
        let recent = try ann.placeOrder([(sample.physical.id, 1)])
        #expect(try ann.pay(recent).status == 200)
        try shop.store.commerce.orders.store.database.run("UPDATE orders SET created_epoch = ? WHERE id = ?",
                                                          Date().addingTimeInterval(-200 * 86_400).timeIntervalSince1970, old.id)
        #expect(try ann.orders().map(\.id) == [recent.id])
    }

    @Test func historyListsPlacedOrdersButNotCheckoutsAwaitingPayment() throws {
        let shop = try commerceShop(); defer { shop.stop() }
        let sample = try CatalogueSample(shop)
        let ann = try Shopper.signUp(shop)
        let awaiting = try ann.placeOrder([(sample.physical.id, 1)])
        #expect(try ann.orders().isEmpty)
        let paid = try ann.placeOrder([(sample.physical.id, 1)])
        #expect(try ann.pay(paid).status == 200)
        let cancelled = try ann.placeOrder([(sample.physical.id, 1)])
        #expect(try ann.pay(cancelled).status == 200)
        #expect(try ann.send("POST", "/order/v1/orders/\(cancelled.id)/cancel").status == 200)
        let fulfilled = try ann.placeOrder([(sample.digital.id, 1)], address: nil)
        #expect(try ann.pay(fulfilled).status == 200)
        try shop.store.commerce.orders.store.database.run("UPDATE orders SET status = ? WHERE id = ?",
                                                          OrderStatus.fulfilled.rawValue, fulfilled.id)
        let history = try ann.orders()
        #expect(Set(history.map(\.id)) == [paid.id, cancelled.id, fulfilled.id])
        #expect(Set(history.map(\.status)) == [.paid, .cancelled, .fulfilled])
        // The attempt awaiting payment is still there by its id, to be paid.
        let kept = try ann.order(awaiting.id)
        #expect(kept.status == .pendingPayment && kept.paymentIntent == awaiting.paymentIntent)
        #expect(try ann.storedOrderCount() == 4)
    }

    @Test func anotherShoppersOrderIsNotFound() throws {
        let shop = try commerceShop(); defer { shop.stop() }
        let sample = try CatalogueSample(shop)
        let ann = try Shopper.signUp(shop)
        let bob = try Shopper.signUp(shop)
        let order = try ann.placeOrder([(sample.physical.id, 1)])
        #expect(try ann.pay(order).status == 200)
        #expect(try bob.send("GET", "/order/v1/orders/\(order.id)").status == 404)
        #expect(try bob.send("POST", "/order/v1/orders/\(order.id)/cancel").status == 404)
        #expect(try shop.send("GET", "/order/v1/orders/\(order.id)").status == 401)
        #expect(try shop.send("POST", "/order/v1/orders/\(order.id)/cancel").status == 401)
        #expect(try ann.order(order.id).status == .paid)
    }
}
