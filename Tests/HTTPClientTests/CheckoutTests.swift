import Foundation
import StoreWire
import StoreHTTP
import StoreServices
import Testing

/// Sign-in, orders and payment against the real user, order and payment services.
@Suite struct CheckoutTests {
    let store: RunningStore
    init() throws { store = try RunningStore() }
    var client: StoreClient { store.client }

    static let address = Address(name: "Aroha Test", line1: "1 Queen Street", city: "Auckland", postcode: "1010")
    static let approvedCard = CardDetails(number: "4242424242424242", expMonth: 12, expYear: 2040, cvc: "123", name: "Aroha Test")

    private func signUp() throws -> Session {
        let email = "shopper-\(UUID().uuidString.prefix(8).lowercased())@example.com"
        return try client.signUp(SignUpRequest(email: email, password: "long enough", name: "Aroha Test", address: Self.address))
    }

    /// A signed-in shopper whose own cart holds one physical product.
    private func shopperWithCart() throws -> (Session, Product) {
        let session = try signUp()
        let product = try #require(try client.products(ProductQuery(limit: 100)).items.first { $0.kind == .physical && $0.stock >= 2 })
        _ = try client.setQuantity(cartID: StoreAPIPaths.myCart, productID: product.id, quantity: 1, token: session.token)
        return (session, product)
    }

    @Test func signUpSignInAndMe() throws {
        let session = try signUp()
        #expect(!session.token.isEmpty && session.expiresAt > Int(Date().timeIntervalSince1970))
        #expect(try client.me(token: session.token) == session.user)
        let again = try client.signIn(SignInRequest(email: session.user.email, password: "long enough"))
        #expect(again.user == session.user)
    }

    @Test func signUpRulesAreServiceErrors() throws {
        let session = try signUp()
        let taken = SignUpRequest(email: session.user.email, password: "long enough", name: "X", address: Self.address)
        #expect { try client.signUp(taken) } throws: { ($0 as? APIError)?.status == 409 }
        let short = SignUpRequest(email: "short-\(UUID().uuidString.prefix(6))@example.com", password: "short", name: "X", address: Self.address)
        #expect { try client.signUp(short) } throws: { ($0 as? APIError)?.status == 422 }
    }

    @Test func badCredentialsAndTokensAre401() throws {
        #expect {
            try client.signIn(SignInRequest(email: DemoAccount.email, password: "wrong password"))
        } throws: { ($0 as? APIError)?.status == 401 }
        #expect { try client.me(token: "not.a.token") } throws: { ($0 as? APIError)?.status == 401 }
        #expect(try client.signIn(SignInRequest(email: DemoAccount.email, password: DemoAccount.password)).user.email == DemoAccount.email)
    }

    @Test func anonymousCartMergesIntoMine() throws {
        let product = try #require(try client.products(ProductQuery(limit: 100)).items.first { $0.kind == .digital })
        let anonymous = try client.createCart()
        _ = try client.setQuantity(cartID: anonymous.id, productID: product.id, quantity: 2, token: nil)
        let session = try signUp()
        let merged = try client.mergeCart(anonymousCartID: anonymous.id, token: session.token)
        #expect(merged.lines.map(\.productId) == [product.id] && merged.itemCount == 2)
        #expect(try client.cart(id: StoreAPIPaths.myCart, token: session.token) == merged)
    }

    @Test func orderPayAndListWithIdempotentRetry() throws {
        let (session, product) = try shopperWithCart()
        let request = CreateOrderRequest(cartId: StoreAPIPaths.myCart, deliveryAddress: Self.address)
        let key = UUID().uuidString
        let order = try client.createOrder(request, idempotencyKey: key, token: session.token)
        #expect(order.status == .pendingPayment && order.number.hasPrefix("TBS-"))
        #expect(order.lines.map(\.productId) == [product.id])
        let intent = try #require(order.paymentIntent)
        #expect(intent.amount == order.total)

        // A retry with the same key is the same order; the same key with another body is refused.
        #expect(try client.createOrder(request, idempotencyKey: key, token: session.token).id == order.id)
        #expect {
            try client.createOrder(CreateOrderRequest(cartId: StoreAPIPaths.myCart, deliveryAddress: nil),
                                   idempotencyKey: key, token: session.token)
        } throws: { ($0 as? APIError)?.status == 409 }

        let payment = try client.confirmPayment(intentID: intent.id,
                                                ConfirmPaymentRequest(clientSecret: intent.clientSecret, card: Self.approvedCard),
                                                token: session.token, idempotencyKey: UUID().uuidString)
        #expect(payment.status == "succeeded" && payment.card == CardSummary(brand: .visa, last4: "4242"))
        #expect(payment.orderId == order.id)

        let paid = try client.order(id: order.id, token: session.token)
        #expect(paid.status == .paid && paid.card?.last4 == "4242")
        #expect(try client.orders(token: session.token).map(\.id) == [order.id])
    }

    @Test func declinedCardIsA402CardError() throws {
        let (session, _) = try shopperWithCart()
        let order = try client.createOrder(CreateOrderRequest(cartId: StoreAPIPaths.myCart, deliveryAddress: Self.address),
                                           idempotencyKey: UUID().uuidString, token: session.token)
        let intent = try #require(order.paymentIntent)
        var card = Self.approvedCard
        card.number = "4000000000000002"
        #expect {
            try client.confirmPayment(intentID: intent.id, ConfirmPaymentRequest(clientSecret: intent.clientSecret, card: card),
                                      token: session.token, idempotencyKey: UUID().uuidString)
        } throws: { error in
            guard case APIError.service(402, let body) = error else { return false }
            return body.type == "card_error" && !"\(error)".contains("4000000000000002")
        }
        #expect(try client.order(id: order.id, token: session.token).status == .pendingPayment)
    }

    @Test func paidPhysicalOrderCanBeCancelledByItsOwnerOnly() throws {
        let (session, _) = try shopperWithCart()
        let order = try client.createOrder(CreateOrderRequest(cartId: StoreAPIPaths.myCart, deliveryAddress: Self.address),
                                           idempotencyKey: UUID().uuidString, token: session.token)
        let intent = try #require(order.paymentIntent)
        _ = try client.confirmPayment(intentID: intent.id, ConfirmPaymentRequest(clientSecret: intent.clientSecret, card: Self.approvedCard),
                                      token: session.token, idempotencyKey: UUID().uuidString)
        let stranger = try signUp()
        #expect { try client.order(id: order.id, token: stranger.token) } throws: { ($0 as? APIError)?.status == 404 }
        #expect { try client.cancelOrder(id: order.id, token: stranger.token) } throws: { ($0 as? APIError)?.status == 404 }

        #expect(try client.order(id: order.id, token: session.token).cancellable)
        let cancelled = try client.cancelOrder(id: order.id, token: session.token)
        #expect(cancelled.status == .cancelled && !cancelled.cancellable)
    }
}
