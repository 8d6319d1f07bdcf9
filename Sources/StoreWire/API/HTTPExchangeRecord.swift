/// The facts of one HTTP call the client made, as the transport saw it: what
/// was asked, how it ended and how long it took. Never a body, so never card data.
public struct HTTPExchangeRecord: Hashable, Sendable {
    public var method: String
    /// The path as sent, percent-encoded, without the query.
    public var path: String
    /// The answer's status, or nil when no answer came.
    public var status: Int?
    /// Why no answer came (e.g. "timed out"), when `status` is nil.
    public var failure: String?
    public var milliseconds: Int
    public var idempotencyKey: String?
    public var traceparent: String

    public init(method: String, path: String, status: Int?, failure: String?, milliseconds: Int,
                idempotencyKey: String?, traceparent: String) {
        self.method = method; self.path = path; self.status = status; self.failure = failure
        self.milliseconds = milliseconds; self.idempotencyKey = idempotencyKey; self.traceparent = traceparent
    }

    /// The service a path belongs to: its first segment ("/cart/v1/…" is "cart").
    public var service: String {
        path.split(separator: "/", omittingEmptySubsequences: true).first.map(String.init) ?? "-"
    }
}
