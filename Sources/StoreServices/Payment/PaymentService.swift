import Foundation
import StoreCore

/// `/payment/v1`: confirms payment intents. Stateless: the intent and its
/// client secret are signed tokens, and the order service (reached through
/// the same router as over HTTP) keeps the state. Card details live only in
/// this request's memory; only brand and last four leave it.
public final class PaymentService: HTTPService, @unchecked Sendable {
    let router: Router
    let verifier: BearerTokenVerifier
    let intents: PaymentIntentTokens
    let signature: EventSignature

    /// `router` is where the order service's routes are registered.
    public init(router: Router, verifier: BearerTokenVerifier, intents: PaymentIntentTokens, signature: EventSignature) {
        self.router = router
        self.verifier = verifier
        self.intents = intents
        self.signature = signature
    }

    public func register(on router: Router) {
        router.post("/payment/v1/payment-intents/:id/confirm") { [self] request in try confirm(request) }
    }

    func confirm(_ request: HTTPRequest) throws -> HTTPResponse {
        let user = try request.authenticatedUserID(verifier)
        let intentID = try request.parameter("id")
        guard let intent = intents.intent(intentID) else {
            throw HTTPError.notFound(code: "payment_intent_not_found", "There is no such payment intent.")
        }
        guard intent.sub == user else {
            throw HTTPError.forbidden(code: "not_your_payment", "This payment belongs to another shopper.")
        }
        let body = try decodeConfirmRequest(request.body)
        guard intents.secret(body.clientSecret, matches: intent) else {
            throw HTTPError.unauthorized(code: "invalid_client_secret", "The client secret does not belong to this payment.")
        }
        let card: ValidatedCard
        do { card = try CardValidator.validate(body.card) } catch let error as ServiceError {
            throw HTTPError(status: 400, error: error)
        }
        let order = try currentOrder(intent, token: request.bearerToken ?? "")
        switch order.status {
        case .paid, .fulfilled:
            // A retry of a confirmation that already succeeded: answer the same, charge nothing.
            return try .json(PaymentResult(status: "succeeded", card: order.card ?? card.summary, orderId: order.id))
        case .cancelled:
            throw HTTPError.conflict(code: "order_cancelled", "This order was cancelled, so it cannot be paid.")
        case .pendingPayment:
            break
        }
        guard order.total.amount == intent.amount, order.total.currency == intent.currency else {
            throw HTTPError.conflict(code: "amount_mismatch", "The payment amount no longer matches the order.")
        }
        if case .declined(let code, let message) = CardIssuer.authorise(card) {
            throw HTTPError(status: 402, type: "card_error", code: code, message: message)
        }
        try notifyOrderService(intent, card: card.summary)
        return try .json(PaymentResult(status: "succeeded", card: card.summary, orderId: intent.orderId))
    }

    /// Decoding errors name the field but never echo a value.
    private func decodeConfirmRequest(_ body: Data) throws -> ConfirmPaymentRequest {
        try JSONBody.decode(ConfirmPaymentRequest.self, from: body)
    }

    /// The order as its owner sees it, asked of the order service.
    private func currentOrder(_ intent: PaymentIntentClaims, token: String) throws -> Order {
        let response = router.respond(to: HTTPRequest(method: "GET", path: "/order/v1/orders/\(intent.orderId)",
                                                      headers: ["Authorization": "Bearer \(token)"]))
        guard response.status == 200, let order = try? JSONDecoder().decode(Order.self, from: response.body) else {
            throw HTTPError.notFound(code: "payment_intent_not_found", "The order of this payment no longer exists.")
        }
        return order
    }

    /// Sends the signed payment event; the order service's answer decides.
    private func notifyOrderService(_ intent: PaymentIntentClaims, card: CardSummary) throws {
        let event = PaymentEvent(id: "pay_" + EventSignature.hex(Crypto.randomBytes(12)), type: PaymentEvent.succeeded,
                                 orderId: intent.orderId, userId: intent.sub,
                                 amount: Money(intent.amount, intent.currency), card: card)
        let body = try JSONBody.encode(event)
        let response = router.respond(to: HTTPRequest(method: "POST", path: OrderService.paymentEventsPath,
                                                      headers: [EventSignature.headerName: signature.sign(body),
                                                                "Content-Type": "application/json"],
                                                      body: body))
        guard response.status == 200 else {
            if let envelope = try? JSONDecoder().decode(ServiceErrorEnvelope.self, from: response.body) {
                throw HTTPError(status: response.status == 500 ? 502 : response.status, error: envelope.error)
            }
            throw HTTPError(status: 502, type: "api_error", code: "order_service_unavailable",
                            message: "The payment could not be recorded; nothing was charged. Try again.")
        }
    }
}
