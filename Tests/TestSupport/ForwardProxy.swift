import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A real nginx as a plain HTTP forward proxy on a free loopback port: the
/// request line names the origin (`GET http://HOST:PORT/path`), and its access
/// log shows what went through it. `stop()` ends nginx by its pid and removes
/// its folder (call it in a `defer`, pass or fail).
public final class ForwardProxy: @unchecked Sendable {
    public let folder: URL
    public let port: Int
    private var masterPID: pid_t?

    /// `http://127.0.0.1:PORT`, for http_proxy.
    public var url: String { "http://127.0.0.1:\(port)" }

    public init() throws {
        if let missing = TLSGateway.missingTools { throw Spawn.Failed(description: missing) }
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("forward-proxy-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let folder = self.folder
        do {
            (port, masterPID) = try LoopbackPort.startServer("nginx") { candidate in
                try NginxDaemon.start(in: folder, server: """
                    server {
                        listen 127.0.0.1:\(candidate);
                        location / { proxy_pass http://$http_host; }
                    }
                """)
            }
        } catch {
            try? FileManager.default.removeItem(at: folder)
            throw error
        }
    }

    deinit { stop() }

    /// What went through so far, one request a line (written when each is done).
    public var accessLog: String {
        (try? String(contentsOf: folder.appendingPathComponent("access.log"), encoding: .utf8)) ?? ""
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
