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
    public init(upstream: String, names: [String] = ["IP:127.0.0.1", "DNS:localhost"], host: String = "127.0.0.1") throws {
        if let missing = Self.missingTools { throw Spawn.Failed(description: missing) }
        self.host = host
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("tls-gateway-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        do {
            certificates = try TestCertificates(in: folder)
            let server = try certificates.serverCertificate(named: "server", for: names)
            // A port picked now may be taken before nginx binds it: try a few.
            var lastError: Error = Spawn.Failed(description: "nginx did not start")
            for _ in 0..<3 {
                let candidate = try LoopbackPort.unused()
                do {
                    masterPID = try Self.start(in: folder, port: candidate, upstream: upstream, server: server)
                    port = candidate
                    return
                } catch {
                    lastError = error
                }
            }
            throw lastError
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
            let tree = Spawn.processTree(of: pid)
            kill(pid, SIGTERM)
            for process in tree where !Spawn.waitForEnd(of: process, seconds: 5) { kill(process, SIGKILL) }
        }
        try? FileManager.default.removeItem(at: folder)
    }

    /// Writes the configuration, starts nginx as a daemon and returns the master's
    /// pid from its pid file once it is listening.
    private static func start(in folder: URL, port: Int, upstream: String,
                              server: (certificate: String, key: String)) throws -> pid_t {
        let path = folder.path
        let pidFile = "\(path)/nginx.pid"
        let configuration = """
        daemon on;
        worker_processes 1;
        pid \(pidFile);
        error_log \(path)/error.log;
        events { worker_connections 64; }
        http {
            access_log \(path)/access.log;
            client_body_temp_path \(path)/client_body;
            proxy_temp_path \(path)/proxy;
            fastcgi_temp_path \(path)/fastcgi;
            uwsgi_temp_path \(path)/uwsgi;
            scgi_temp_path \(path)/scgi;
            server {
                listen 127.0.0.1:\(port) ssl;
                ssl_certificate \(server.certificate);
                ssl_certificate_key \(server.key);
                location / {
                    proxy_pass \(upstream);
                    proxy_connect_timeout 2s;
                }
            }
        }
        """
        let configurationFile = "\(path)/nginx.conf"
        try configuration.write(toFile: configurationFile, atomically: true, encoding: .utf8)
        try? FileManager.default.removeItem(atPath: pidFile)
        let result = try Spawn.run(["/usr/sbin/nginx", "-c", configurationFile, "-p", path + "/", "-e", "\(path)/error.log"])
        let log = { (try? String(contentsOfFile: "\(path)/error.log", encoding: .utf8)) ?? "" }
        guard result.status == 0 else {
            throw Spawn.Failed(description: "nginx did not start (\(result.status)): \(result.output) \(log())")
        }
        // The daemon writes its pid file after the starting process has returned.
        let deadline = Date().addingTimeInterval(5)
        while Date() < deadline {
            if let text = try? String(contentsOfFile: pidFile, encoding: .utf8),
               let pid = pid_t(text.trimmingCharacters(in: .whitespacesAndNewlines)) {
                return pid
            }
            Thread.sleep(forTimeInterval: 0.01)
        }
        throw Spawn.Failed(description: "nginx wrote no pid file: \(log())")
    }
}
