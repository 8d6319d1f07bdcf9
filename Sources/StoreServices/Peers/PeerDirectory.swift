import Foundation
import StoreHTTP

/// Where each service this process calls is: here (`--only` runs it) or at the
/// peers' origin (`--peers`), under its usual path prefix. One HTTP client,
/// with its kept-alive connections, serves every remote peer.
struct PeerDirectory {
    let running: Set<ServiceName>
    let router: Router
    let client: RawHTTPClient?

    init(running: Set<ServiceName>, router: Router, origin: String?,
         timeouts: (connect: TimeInterval, request: TimeInterval), authorities: CertificateAuthorities = .system) throws {
        guard !running.isEmpty else { throw PeerConfigurationError.nothingToRun }
        let missing = ServiceName.missingPeers(of: running)
        if let origin {
            try Self.validate(origin: origin)
            client = RawHTTPClient(baseURL: origin, connectTimeout: timeouts.connect, requestTimeout: timeouts.request,
                                   authorities: authorities)
        } else if !missing.isEmpty {
            throw PeerConfigurationError.peersNeeded(running: running, missing: missing)
        } else {
            client = nil
        }
        self.running = running
        self.router = router
    }

    /// `service` over HTTP when it runs elsewhere and a service here calls it; nil otherwise.
    func remote(_ service: ServiceName) -> PeerCaller? {
        guard !running.contains(service), ServiceName.missingPeers(of: running).contains(service), let client else {
            return nil
        }
        return RemotePeer(service: service, client: client)
    }

    /// `service` as a caller: through the router when it runs here, else over HTTP (nil when nothing here calls it).
    func caller(_ service: ServiceName) -> PeerCaller? {
        running.contains(service) ? LocalPeer(router: router) : remote(service)
    }

    /// A peer the wiring needs; the initialiser has made sure there is one.
    func required<T>(_ value: T?, _ service: ServiceName) throws -> T {
        guard let value else { throw PeerConfigurationError.peersNeeded(running: running, missing: [service]) }
        return value
    }

    /// An origin is `http://` or `https://`, a host, maybe a port, and no path, query or fragment.
    static func validate(origin: String) throws {
        guard let url = URLComponents(string: origin), let scheme = url.scheme?.lowercased(), ["http", "https"].contains(scheme),
              let host = url.host, !host.isEmpty, url.path.isEmpty || url.path == "/", url.query == nil, url.fragment == nil,
              url.user == nil, url.password == nil
        else { throw PeerConfigurationError.badOrigin(origin) }
    }
}

public enum PeerConfigurationError: Error, CustomStringConvertible, Equatable {
    case nothingToRun
    case peersNeeded(running: Set<ServiceName>, missing: Set<ServiceName>)
    case badOrigin(String)

    public var description: String {
        switch self {
        case .nothingToRun:
            return "--only names no service"
        case .peersNeeded(let running, let missing):
            let here = running.sorted().map(\.rawValue).joined(separator: ",")
            let away = missing.sorted().map(\.rawValue).joined(separator: ", ")
            return "--only \(here) calls the \(away) service\(missing.count == 1 ? "" : "s"), which run elsewhere: "
                + "pass --peers URL (the origin, normally the gateway, that serves \(missing.count == 1 ? "it" : "them"))"
        case .badOrigin(let text):
            return "--peers '\(text)' is not an origin such as http://127.0.0.1:8080 (http or https, a host, "
                + "an optional port, no path)"
        }
    }

    /// Checks `--only` and `--peers` as `BetterStore` will, for a command line to refuse them before starting.
    public static func check(running: Set<ServiceName>, peers: String?) throws {
        _ = try PeerDirectory(running: running, router: Router(), origin: peers, timeouts: (1, 1))
    }
}
