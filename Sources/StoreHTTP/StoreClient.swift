import Foundation
import StoreWire

/// The store's HTTP API over libcurl. Calls block (run them off the UI thread)
/// and throw `APIError`. Safe to use from several threads at once: each call
/// borrows one of a few kept-alive connections.
public final class StoreClient: StoreAPI, @unchecked Sendable {
    public let baseURL: String
    let json: JSONExchange

    /// - Parameters:
    ///   - baseURL: the API origin, e.g. "http://127.0.0.1:8080" (http or https).
    ///   - connectTimeout: seconds to wait for a connection.
    ///   - requestTimeout: seconds a whole call may take, connection included.
    ///   - authorities: who an https:// store's certificate must come from (`--cacert`).
    ///   - observer: told of every exchange (method, path, status, time, key, traceparent).
    public init(baseURL: String, connectTimeout: TimeInterval = 3, requestTimeout: TimeInterval = 10,
                authorities: CertificateAuthorities = .system, observer: HTTPExchangeObserver? = nil) {
        let transport = CurlTransport(baseURL: baseURL, connectTimeout: connectTimeout, requestTimeout: requestTimeout,
                                      authorities: authorities, observer: observer)
        self.baseURL = transport.baseURL
        self.json = JSONExchange(transport: transport)
    }
}
