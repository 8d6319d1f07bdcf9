import StoreWire

extension StoreClient {
    /// The body carries the full card number and CVC; it goes to the wire and
    /// nowhere else (errors name the URL only). The key makes a retry of the same
    /// payment attempt answer as the first try did instead of charging again.
    public func confirmPayment(intentID: String, _ request: ConfirmPaymentRequest, token: String,
                               idempotencyKey: String) throws -> PaymentResult {
        try json.call(HTTPRequest(.post, URLEncoding.path("payment", "v1", "payment-intents", intentID, "confirm"),
                                  token: token, headers: [("Idempotency-Key", idempotencyKey)],
                                  body: JSONExchange.body(request)))
    }
}
