import Foundation

/// A real nginx on a free loopback port routing each service's path prefix to
/// the instance that runs it, as the gateway of a deployment does. The port is
/// chosen first, so the instances can be given it as `--peers` before the
/// routes are known; `start(routes:)` then starts nginx, `stop()` ends it by
/// its pid and removes its folder (call it in a `defer`, pass or fail).
///
///     let gateway = try ServiceGateway()
///     defer { gateway.stop() }
///     … start instances with peers: gateway.baseURL …
///     try gateway.start(routes: ["/product/v1/": catalogue.baseURL, …])
public final class ServiceGateway: @unchecked Sendable {
    public let port: Int
    public let folder: URL
    private var masterPID: pid_t?

    /// `http://127.0.0.1:PORT`.
    public var baseURL: String { "http://127.0.0.1:\(port)" }

    public init() throws {
        if let missing = TLSGateway.missingTools { throw Spawn.Failed(description: missing) }
        port = try LoopbackPort.unused()
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("service-gateway-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    deinit { stop() }

    /// Starts nginx with one `location` per prefix (e.g. "/cart/v1/") proxying to its upstream origin.
    public func start(routes: [String: String]) throws {
        let locations = routes.sorted { $0.key < $1.key }.map { prefix, upstream in
            """
                    location \(prefix) {
                        proxy_pass \(upstream);
                        proxy_connect_timeout 2s;
                        proxy_read_timeout 15s;
                    }
            """
        }.joined(separator: "\n")
        masterPID = try NginxDaemon.start(in: folder, server: """
            server {
                listen 127.0.0.1:\(port);
        \(locations)
            }
        """)
    }

    /// Ends nginx by its pid and removes the folder. Safe to call twice.
    public func stop() {
        if let pid = masterPID {
            masterPID = nil
            NginxDaemon.stop(pid)
        }
        try? FileManager.default.removeItem(at: folder)
    }
}
