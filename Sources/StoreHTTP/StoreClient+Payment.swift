import StoreCore

extension StoreClient {
    /// The body carries the full card number and CVC; it goes to the wire and
    /// nowhere else (errors name the URL only).
    public func confirmPayment(intentID: String, _ request: ConfirmPaymentRequest, token: String) throws -> PaymentResult {
        try json.call(HTTPRequest(.post, URLEncoding.path("payment", "v1", "payment-intents", intentID, "confirm"),
                                  token: token, body: JSONExchange.body(request)))
    }
}
