import Foundation
import StoreWire

/// Plain requests to an HTTP origin over the same pooled libcurl transport as
/// `StoreClient`, for callers that handle statuses and bodies themselves (one
/// service calling another). Throws `APIError.unreachable` when nothing answers
/// and `APIError.timedOut` when the answer takes longer than `requestTimeout`.
public final class RawHTTPClient: @unchecked Sendable {
    /// What came back: the status and the raw body.
    public struct Answer: Sendable {
        public let status: Int
        public let body: Data
    }

    public let baseURL: String
    private let transport: CurlTransport

    public init(baseURL: String, connectTimeout: TimeInterval, requestTimeout: TimeInterval,
                authorities: CertificateAuthorities = .system) {
        transport = CurlTransport(baseURL: baseURL, connectTimeout: connectTimeout, requestTimeout: requestTimeout,
                                  authorities: authorities)
        self.baseURL = transport.baseURL
    }

    /// Sends one request. `segments` are the path's raw segments (each is
    /// percent-encoded); `headers` go as given, besides `Accept` and, with a
    /// body, `Content-Type: application/json`.
    public func send(_ method: String, segments: [String], query: [(String, String)] = [],
                     headers: [(String, String)] = [], body: Data? = nil) throws -> Answer {
        guard let verb = HTTPMethod(rawValue: method.uppercased()) else {
            throw APIError.badResponse("\(method) is not a method this client sends")
        }
        let path = "/" + segments.map(URLEncoding.encode).joined(separator: "/")
        let response = try transport.send(HTTPRequest(verb, path, query: query, headers: headers, body: body))
        return Answer(status: response.status, body: response.body)
    }
}
