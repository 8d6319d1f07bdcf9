import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A real nginx serving HTTPS on a free loopback port and proxying to an
/// upstream (a `TestStore`, or a dead port for 502s), as a deployment's
/// gateway does. Its files — configuration, certificates, pid file and logs —
/// live in a temporary folder removed by `stop()`, which also ends nginx by
/// its pid (call it in a `defer`, pass or fail).
///
///     let gateway = try TLSGateway(upstream: store.baseURL)
///     defer { gateway.stop() }
///     StoreClient(baseURL: gateway.baseURL, authorities: CertificateAuthorities(file: gateway.authorityFile))
public final class TLSGateway: @unchecked Sendable {
    /// Why these tests cannot run here, or nil when nginx and openssl are installed.
    public static let missingTools: String? = {
        let missing = ["/usr/sbin/nginx", "/usr/bin/openssl"].filter { !FileManager.default.isExecutableFile(atPath: $0) }
        guard !missing.isEmpty else { return nil }
        return "\(missing.joined(separator: " and ")) not installed (apt-get install nginx-light openssl)"
    }()

    public let folder: URL
    public let certificates: TestCertificates
    public let port: Int
    /// The name the URL uses: "127.0.0.1" or "localhost".
    public let host: String
    private var masterPID: pid_t?

    /// `https://HOST:PORT`.
    public var baseURL: String { "https://\(host):\(port)" }
    /// The throwaway authority's certificate, for `--cacert`.
    public var authorityFile: String { certificates.authorityFile }

    /// - Parameters:
    ///   - upstream: where requests go, e.g. "http://127.0.0.1:PORT".
    ///   - names: the server certificate's subjectAltName entries.
    ///   - host: the name `baseURL` uses.
    ///   - days: how long the server certificate is valid from now; -1 has it expired.
    public init(upstream: String, names: [String] = ["IP:127.0.0.1", "DNS:localhost"], host: String = "127.0.0.1",
                days: Int = 2) throws {
        if let missing = Self.missingTools { throw Spawn.Failed(description: missing) }
        self.host = host
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("tls-gateway-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        do {
            certificates = try TestCertificates(in: folder)
            let server = try certificates.serverCertificate(named: "server", for: names, days: days)
            let folder = self.folder
            (port, masterPID) = try LoopbackPort.startServer("nginx") {
                try Self.start(in: folder, port: $0, upstream: upstream, server: server)
            }
        } catch {
            try? FileManager.default.removeItem(at: folder)
            throw error
        }
    }

    deinit { stop() }

    /// Ends nginx (master and workers) by pid and removes the folder. Safe to call twice.
    public func stop() {
        if let pid = masterPID {
            masterPID = nil
            NginxDaemon.stop(pid)
        }
        try? FileManager.default.removeItem(at: folder)
    }

    /// Starts nginx serving HTTPS on `port` in front of `upstream` and returns the master's pid.
    private static func start(in folder: URL, port: Int, upstream: String,
                              server: (certificate: String, key: String)) throws -> pid_t {
        try NginxDaemon.start(in: folder, server: """
            server {
                listen 127.0.0.1:\(port) ssl;
                ssl_certificate \(server.certificate);
                ssl_certificate_key \(server.key);
                location / {
                    proxy_pass \(upstream);
                    proxy_connect_timeout 2s;
                }
            }
        """)
    }
}
