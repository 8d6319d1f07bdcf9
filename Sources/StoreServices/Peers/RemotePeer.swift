import Foundation
import StoreHTTP
import StoreWire

/// A peer at another origin (normally the gateway), reached over HTTP with the
/// store's libcurl client. An idempotent call is tried again after a refused
/// connection or a gateway's 502/503/504 page, a few times with a short pause;
/// a call that timed out is not (its time is spent). Whatever cannot be
/// reached becomes 503 `peer_unavailable` naming the service.
public final class RemotePeer: PeerCaller, @unchecked Sendable {
    public static let defaultConnectTimeout: TimeInterval = 2
    public static let defaultRequestTimeout: TimeInterval = 10
    static let attempts = 3

    public let service: ServiceName
    let client: RawHTTPClient

    public init(service: ServiceName, client: RawHTTPClient) {
        self.service = service
        self.client = client
    }

    public func send(_ request: HTTPRequest, idempotent: Bool) throws -> HTTPResponse {
        let tries = idempotent ? Self.attempts : 1
        for attempt in 0..<tries {
            if attempt > 0 { Thread.sleep(forTimeInterval: 0.1 * Double(attempt)) }
            let answer: RawHTTPClient.Answer
            do {
                answer = try client.send(request.method, segments: request.pathSegments,
                                         query: request.query.sorted { $0.key < $1.key }.map { ($0.key, $0.value) },
                                         headers: Self.forwardedHeaders(request),
                                         body: request.body.isEmpty && !["POST", "PUT"].contains(request.method)
                                             ? nil : request.body)
            } catch APIError.timedOut {
                break
            } catch {
                continue
            }
            let response = HTTPResponse(status: answer.status, headers: ["Content-Type": "application/json; charset=utf-8"],
                                        body: answer.body)
            // A gateway's own page (no error envelope): the service behind it is away.
            if [502, 503, 504].contains(answer.status), PeerCalls.envelope(of: response) == nil { continue }
            return response
        }
        throw PeerCalls.unavailable(service)
    }

    /// The request's own headers, less those the HTTP client sets itself
    /// (`traceparent` among them: the current trace one step on).
    static func forwardedHeaders(_ request: HTTPRequest) -> [(String, String)] {
        let own: Set<String> = ["accept", "content-type", "content-length", "host", "connection", "expect",
                                "transfer-encoding", TraceParent.headerName]
        return request.headers.filter { !own.contains($0.key) }.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
    }
}
