import Foundation
import StoreWire

/// `/payment/v1`: confirms payment intents, charging each at most once.
///
/// The service is stateless: the intent and its client secret are signed
/// tokens, and the state of a payment lives where it belongs —
/// - on the **order** (the order service's database): the payment attempt
///   holding it. A confirm first claims the order for its attempt, so of two
///   confirms racing with different cards only one proceeds; the other gets a
///   409 `payment_intent_unexpected_state` and nothing is charged.
/// - at the **card network** (`CardNetwork`, the processor's own ledger): the
///   authorisation of each attempt, keyed by the attempt, captured once the
///   order records it as paid and voided when the order refuses it.
/// An attempt is named by the confirm's `Idempotency-Key` (one per card the
/// shopper submits, reused on every retry), so a retry after a time-out or a
/// crash finds its claim and its authorisation and finishes the same payment.
/// An approval the order could not record stays authorised and is settled
/// later (`settleOpenAuthorisations`): recorded and captured, or voided.
///
/// Card details live only in this request's memory; only brand and last four leave it.
public final class PaymentService: HTTPService, @unchecked Sendable {
    static let idempotencyHeader = "Idempotency-Key"
    /// Tries at telling the order service of an approval before leaving it to settlement.
    static let recordAttempts = 3

    /// The order service, in this process or over HTTP.
    let orders: PeerCaller
    let verifier: BearerTokenVerifier
    let intents: PaymentIntentTokens
    let signature: EventSignature
    public let network: CardNetwork
    /// Keys the card fingerprint that tells a retried attempt from another card.
    let fingerprintKey: Data

    public init(orders: PeerCaller, verifier: BearerTokenVerifier, intents: PaymentIntentTokens, signature: EventSignature,
                network: CardNetwork, fingerprintKey: Data) {
        self.orders = orders
        self.verifier = verifier
        self.intents = intents
        self.signature = signature
        self.network = network
        self.fingerprintKey = fingerprintKey
    }

    public func register(on router: Router) {
        // It waits for the order's pipeline (`OrderService.deliveryWait`): off the serving threads.
        router.post("/payment/v1/payment-intents/:id/confirm", pace: .waits,
                    textLimits: ["id": TextLimits.paymentToken]) { [self] request in
            try confirm(request)
        }
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
        let key = idempotencyKey(request)
        let body = try JSONBody.decode(ConfirmPaymentRequest.self, from: request.body)
        guard intents.secret(body.clientSecret, matches: intent) else {
            throw HTTPError.unauthorized(code: "invalid_client_secret", "The client secret does not belong to this payment.")
        }
        let card: ValidatedCard
        do { card = try CardValidator.validate(body.card) } catch let error as ServiceError {
            throw HTTPError(status: 400, error: error)
        }
        // Without a key every request is an attempt of its own; the claim still allows only one at a time.
        let attempt = intent.orderId + "/" + (key ?? "auto-" + EventSignature.hex(Crypto.randomBytes(12)))
        let amount = Money(intent.amount, intent.currency)
        let cardFingerprint = fingerprint(body.card)
        if let earlier = try network.charge(attempt: attempt), earlier.status != .voided, earlier.fingerprint != cardFingerprint {
            throw Self.keyReused
        }

        let claimed: Order
        do {
            claimed = try tellOrderService(.processing, intent: intent, attempt: attempt)
        } catch let refusal as HTTPError where refusal.status < 500 {
            // Another attempt holds or paid the order: an approval this attempt got earlier will never be recorded.
            if try network.charge(attempt: attempt)?.status == .authorised {
                try network.void(attempt: attempt, orderId: intent.orderId)
            }
            throw refusal
        }
        if claimed.status == .paid || claimed.status == .fulfilled {
            // This attempt paid it before (a retry): make sure its charge stands, answer as the first time.
            try network.capture(attempt: attempt)
            return try succeeded(card: claimed.card ?? card.summary, orderID: claimed.id)
        }
        guard claimed.total == amount else {
            _ = try? tellOrderService(.failed, intent: intent, attempt: attempt)
            throw HTTPError.conflict(code: "amount_mismatch", "The payment amount no longer matches the order.")
        }

        switch try network.authorise(attempt: attempt, orderId: intent.orderId, customer: user, amount: amount, card: card,
                                     fingerprint: cardFingerprint) {
        case .declined(let code, let message):
            _ = try? tellOrderService(.failed, intent: intent, attempt: attempt)
            throw HTTPError(status: 402, type: "card_error", code: code, message: message)
        case .voided:
            throw OrderService.unexpectedState("This payment attempt was abandoned; nothing was charged.")
        case .differentCard:
            throw Self.keyReused
        case .approved(let charge):
            let summary = charge.card ?? card.summary
            try record(charge, intent: intent, summary: summary)
            return try succeeded(card: summary, orderID: intent.orderId)
        }
    }

    static let keyReused = HTTPError.conflict(code: "idempotency_key_reused",
                                              "This Idempotency-Key was already used with different card details.",
                                              param: idempotencyHeader)

    private func succeeded(card: CardSummary, orderID: String) throws -> HTTPResponse {
        try .json(PaymentResult(status: "succeeded", card: card, orderId: orderID))
    }

    /// The attempt's key, optional (the router has already held it to its length and character rules).
    private func idempotencyKey(_ request: HTTPRequest) -> String? {
        guard let key = request.header(Self.idempotencyHeader)?.trimmingWhitespace(), !key.isEmpty else {
            return nil
        }
        return key
    }

    /// Tells the order service of the approval and captures the charge once
    /// the order is paid by it. A refusal voids the charge; an order service
    /// that cannot be reached leaves it authorised for settlement.
    private func record(_ charge: CardNetwork.Charge, intent: PaymentIntentClaims, summary: CardSummary) throws {
        for attempt in 0..<Self.recordAttempts {
            if attempt > 0 { Thread.sleep(forTimeInterval: 0.1 * Double(attempt * attempt)) }
            do {
                _ = try tellOrderService(.succeeded, intent: intent, attempt: charge.attempt, card: summary)
                try network.capture(attempt: charge.attempt)
                return
            } catch let error as HTTPError where error.status >= 500 {
                continue
            } catch let error as HTTPError {
                try network.void(attempt: charge.attempt, orderId: charge.orderId)
                var refusal = error
                refusal.error.message += " Nothing was charged."
                throw refusal
            }
        }
        throw HTTPError(status: 503, type: "api_error", code: "payment_not_recorded",
                        message: "Your payment could not be confirmed yet, and you are charged only once it is. "
                            + "Try again in a moment to see its outcome.")
    }

    /// Finishes approvals whose confirm died before the order recorded them
    /// (a crash, an order service that was down): each is recorded and
    /// captured when its order takes it, voided when the order refuses it, and
    /// left for the next round when the order service cannot be reached.
    @discardableResult
    public func settleOpenAuthorisations(olderThan age: TimeInterval = 30, now: Date = Date()) -> Int {
        guard let open = try? network.openAuthorisations(olderThan: age, now: now) else { return 0 }
        var settled = 0
        for charge in open {
            let intent = PaymentIntentClaims(jti: "", orderId: charge.orderId, sub: charge.customer, amount: charge.amount.amount,
                                             currency: charge.amount.currency, typ: PaymentIntentTokens.intentKind)
            do {
                _ = try tellOrderService(.succeeded, intent: intent, attempt: charge.attempt,
                                         card: charge.card ?? CardSummary(brand: .unknown, last4: ""))
                try network.capture(attempt: charge.attempt)
                settled += 1
            } catch let error as HTTPError where error.status < 500 {
                if (try? network.void(attempt: charge.attempt, orderId: charge.orderId)) != nil { settled += 1 }
            } catch {
                continue
            }
        }
        return settled
    }

    /// A keyed hash of the card details: equal for a retry with the same card,
    /// useless to anyone without the key, and never the number itself.
    private func fingerprint(_ card: CardDetails) -> String {
        let digits = card.number.filter { $0 != " " }
        let text = [digits, String(card.expMonth), String(card.expYear), card.cvc, card.name].joined(separator: "\u{1F}")
        return EventSignature.hex(Crypto.hmacSHA256(key: fingerprintKey, message: Data(text.utf8)))
    }

    private enum EventKind { case processing, succeeded, failed }

    /// Sends a signed payment event to the order service and returns the order it answers with.
    /// Events are keyed by the attempt, so one that arrives twice changes nothing: it may be retried.
    private func tellOrderService(_ kind: EventKind, intent: PaymentIntentClaims, attempt: String,
                                  card: CardSummary? = nil) throws -> Order {
        let type: String
        switch kind {
        case .processing: type = PaymentEvent.processing
        case .succeeded: type = PaymentEvent.succeeded
        case .failed: type = PaymentEvent.failed
        }
        let event = PaymentEvent(id: "pay_" + EventSignature.hex(Crypto.randomBytes(12)), type: type,
                                 orderId: intent.orderId, userId: intent.sub, attempt: attempt,
                                 amount: Money(intent.amount, intent.currency), card: card)
        let body = try JSONBody.encode(event)
        let response = try orders.send(HTTPRequest(method: "POST", path: OrderService.paymentEventsPath,
                                                   headers: [EventSignature.headerName: signature.sign(body),
                                                             "Content-Type": "application/json"],
                                                   body: body), idempotent: true)
        if response.status == 200, let order = try? JSONDecoder().decode(Order.self, from: response.body) {
            return order
        }
        if response.status < 500, let envelope = try? JSONDecoder().decode(ServiceErrorEnvelope.self, from: response.body) {
            throw HTTPError(status: response.status == 404 ? 404 : response.status, error: envelope.error)
        }
        throw HTTPError(status: 503, type: "api_error", code: "order_service_unavailable",
                        message: "The order service could not be reached; nothing was charged. Try again.")
    }
}
