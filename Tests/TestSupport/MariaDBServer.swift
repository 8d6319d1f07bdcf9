import Foundation
import StoreServices
#if canImport(Glibc)
import Glibc
#endif

/// A throwaway MariaDB server (`mariadbd`) on a free loopback port, its data
/// in a temporary folder; root connects over TCP without a password. `stop()`
/// ends it by its pid and removes the folder. A watcher ends it (and removes
/// the folder) when the test process goes away without stopping it, so no
/// server outlives the tests.
///
/// `MariaDBServer.shared` is one server for the whole test process (stopped
/// at exit); each test takes a database of its own with `freshSchema()`.
public final class MariaDBServer: @unchecked Sendable {
    public static let serverProgram = "/usr/sbin/mariadbd"
    public static let installProgram = "/usr/bin/mariadb-install-db"

    /// Why these tests cannot run here, or nil when MariaDB is installed.
    public static let missingTools: String? = {
        let missing = [serverProgram, installProgram].filter { !FileManager.default.isExecutableFile(atPath: $0) }
        guard !missing.isEmpty else { return nil }
        return "\(missing.joined(separator: " and ")) not installed (apt-get install mariadb-server)"
    }()

    /// The server shared by the tests of this process, started on first use and stopped at exit.
    public static func shared() throws -> MariaDBServer {
        sharedLock.lock(); defer { sharedLock.unlock() }
        if let sharedServer { return sharedServer }
        let server = try MariaDBServer()
        sharedServer = server
        atexit { MariaDBServer.sharedServer?.stop() }
        return server
    }
    nonisolated(unsafe) private static var sharedServer: MariaDBServer?
    private static let sharedLock = NSLock()

    public let folder: URL
    public private(set) var port: Int
    private let lock = NSLock()
    private var pid: pid_t?

    /// root on 127.0.0.1:`port`, no password.
    public var endpoint: MariaDBEndpoint { MariaDBEndpoint(host: "127.0.0.1", port: port, user: "root") }
    /// `mysql://root:@127.0.0.1:PORT/`.
    public var url: String { "mysql://root:@127.0.0.1:\(port)/" }
    private var dataFolder: URL { folder.appendingPathComponent("data") }
    private var temporaryFolder: URL { folder.appendingPathComponent("tmp") }

    /// Makes the data folder and starts the server; fails with what went wrong
    /// (including the server's log) when it does not accept connections in time.
    public init() throws {
        if let missing = Self.missingTools { throw Spawn.Failed(description: missing) }
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("mariadb-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        port = 0
        do {
            // A temporary folder of its own: installs running at once in a shared /tmp collide on their temporary tables.
            try FileManager.default.createDirectory(at: temporaryFolder, withIntermediateDirectories: true)
            let install = try Spawn.run([Self.installProgram, "--no-defaults", "--datadir=\(dataFolder.path)",
                                         "--tmpdir=\(temporaryFolder.path)",
                                         "--auth-root-authentication-method=normal", "--skip-test-db",
                                         "--innodb-log-file-size=8M"])
            guard install.status == 0 else {
                throw Spawn.Failed(description: "mariadb-install-db failed (\(install.status)): \(install.output.suffix(2000))")
            }
            try start()
        } catch {
            try? FileManager.default.removeItem(at: folder)
            throw error
        }
    }

    deinit { stop() }

    /// Starts the server on its data folder (on a new free port the first
    /// time, on the same port after `stopServer()`), and waits until it accepts.
    public func start() throws {
        port = try LoopbackPort.startServer("mariadbd", on: port == 0 ? nil : port) { candidate in
            do { try launch(port: candidate) } catch { stopServer(); throw error }
        }.port
    }

    /// Ends the server by its pid (SIGTERM, then SIGKILL after 10 s); keeps the data folder.
    public func stopServer() {
        lock.lock()
        let running = pid
        pid = nil
        lock.unlock()
        guard let running else { return }
        Spawn.terminate(running, grace: 10)
    }

    /// Ends the server and removes its folder. Safe to call twice.
    public func stop() {
        stopServer()
        try? FileManager.default.removeItem(at: folder)
    }

    /// A database name no other test uses, e.g. `t_3f2a…`.
    public func freshSchema(_ prefix: String = "t") -> String {
        prefix + "_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").prefix(16).lowercased()
    }

    /// Opens a new, empty database of its own on this server.
    public func freshDatabase(maximumConnections: Int = 8) throws -> MariaDBDatabase {
        try MariaDBDatabase(endpoint: endpoint, schema: freshSchema(), maximumConnections: maximumConnections)
    }

    private func launch(port: Int) throws {
        let data = dataFolder.path
        let log = folder.appendingPathComponent("server.log").path
        let pidFile = folder.appendingPathComponent("server.pid").path
        try? FileManager.default.removeItem(atPath: pidFile)
        let server = [Self.serverProgram, "--no-defaults", "--datadir=\(data)", "--tmpdir=\(temporaryFolder.path)", "--port=\(port)",
                      "--bind-address=127.0.0.1", "--socket=\(folder.path)/sock", "--pid-file=\(folder.path)/mariadbd.pid",
                      "--user=root", "--skip-name-resolve", "--innodb-log-file-size=8M",
                      "--innodb-buffer-pool-size=64M", "--innodb-flush-log-at-trx-commit=2", "--max-connections=400"]
            .map(Self.quoted).joined(separator: " ")
        // The server in the background, its pid written down; beside it a
        // watcher that ends it if this test process goes away first.
        let script = """
            \(server) </dev/null >>\(Self.quoted(log)) 2>&1 &
            server=$!
            echo $server > \(Self.quoted(pidFile))
            ( while kill -0 \(getpid()) 2>/dev/null && kill -0 $server 2>/dev/null; do sleep 1; done
              if ! kill -0 \(getpid()) 2>/dev/null; then
                kill $server 2>/dev/null
                while kill -0 $server 2>/dev/null; do sleep 0.2; done
                rm -rf \(Self.quoted(folder.path))
              fi ) </dev/null >/dev/null 2>&1 &
            """
        let launched = try Spawn.run(["/bin/sh", "-c", script])
        guard launched.status == 0,
              let text = try? String(contentsOfFile: pidFile, encoding: .utf8),
              let serverPID = pid_t(text.trimmingCharacters(in: .whitespacesAndNewlines)) else {
            throw Spawn.Failed(description: "mariadbd did not start: \(launched.output)")
        }
        lock.lock(); pid = serverPID; lock.unlock()
        let deadline = Date().addingTimeInterval(30)
        while Date() < deadline {
            guard Spawn.isRunning(serverPID) else { break }
            if (try? MariaDBDatabase.probe(MariaDBEndpoint(host: "127.0.0.1", port: port, user: "root"))) != nil {
                return
            }
            Thread.sleep(forTimeInterval: 0.1)
        }
        let tail = (try? String(contentsOfFile: log, encoding: .utf8)).map { String($0.suffix(2000)) } ?? ""
        throw Spawn.Failed(description: "mariadbd on port \(port) did not accept connections: \(tail)")
    }

    private static func quoted(_ text: String) -> String {
        "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}
