import Foundation
import StoreHTTP
import StoreWire

/// A call from one service to another, wherever the other runs: the router of
/// this process (`LocalPeer`) or the peers' origin over HTTP (`RemotePeer`).
public protocol PeerCaller: AnyObject, Sendable {
    /// The peer's answer. `idempotent` allows retrying a call that failed on
    /// the way (it must change nothing when it arrives twice). Throws
    /// `HTTPError` 503 `peer_unavailable` when the peer cannot be reached in time.
    func send(_ request: HTTPRequest, idempotent: Bool) throws -> HTTPResponse
}

extension PeerCaller {
    /// Sends with retries when the call is idempotent by HTTP's rules: GET, PUT,
    /// DELETE, or a POST that carries an `Idempotency-Key`.
    public func send(_ request: HTTPRequest) throws -> HTTPResponse {
        try send(request, idempotent: PeerCalls.isIdempotent(request))
    }
}

public enum PeerCalls {
    static func isIdempotent(_ request: HTTPRequest) -> Bool {
        ["GET", "HEAD", "PUT", "DELETE"].contains(request.method) || request.header("Idempotency-Key") != nil
    }

    /// The answer when `service` cannot be reached: the caller's request fails, never hangs.
    public static func unavailable(_ service: ServiceName) -> HTTPError {
        HTTPError(status: 503, type: "api_error", code: "peer_unavailable",
                  message: "The \(service.rawValue) service cannot be reached just now; try again in a moment.")
    }

    /// An answer that is not what the call expects (e.g. a 500, or a body that
    /// does not decode) counts as the peer being unavailable.
    static func decode<T: Decodable>(_ type: T.Type, from response: HTTPResponse, service: ServiceName) throws -> T {
        guard let value = try? JSONDecoder().decode(T.self, from: response.body) else { throw unavailable(service) }
        return value
    }

    /// The error envelope of a refusal, if the body is one.
    static func envelope(of response: HTTPResponse) -> ServiceError? {
        (try? JSONDecoder().decode(ServiceErrorEnvelope.self, from: response.body))?.error
    }
}

/// A peer in this process: the request goes through the router, as over HTTP but without the hop.
public final class LocalPeer: PeerCaller, @unchecked Sendable {
    let router: Router

    public init(router: Router) { self.router = router }

    /// The call carries the current trace one step on, as a call over HTTP would.
    public func send(_ request: HTTPRequest, idempotent: Bool) throws -> HTTPResponse {
        var request = request
        request.headers[TraceParent.headerName] = TraceContext.outgoing().description
        return router.respond(to: request)
    }
}
