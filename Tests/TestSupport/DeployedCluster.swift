import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The deployment `deploy/cluster up` makes (MariaDB, Redis, two instances of
/// each service, the HTTPS gateway), in a temporary state folder, driven
/// through the script as an operator would: `status` to find a process,
/// `kill` to end one, `stop()` for `down`. `stop()` also ends, by pid, any
/// process `down` left behind, so a failing test leaves nothing running (call
/// it in a `defer`).
///
///     let cluster = try DeployedCluster(betterstore: BuildProducts.executable("betterstore").path)
///     defer { cluster.stop() }
///     StoreClient(baseURL: cluster.gatewayURL, authorities: CertificateAuthorities(file: cluster.authorityFile))
public final class DeployedCluster: @unchecked Sendable {
    /// One line of `deploy/cluster status`: `NAME PID URL`.
    public struct Process: Equatable, Sendable {
        public var name: String
        public var pid: pid_t
        public var url: String
        public var running: Bool
    }

    public static let script = BuildProducts.repositoryRoot.appendingPathComponent("deploy/cluster").path

    public let folder: URL
    /// What `up` printed.
    public let startOutput: String
    /// Every process `status` has named, by name: what `stop()` makes sure has ended.
    public private(set) var seen: [String: Process] = [:]
    private var stopped = false

    /// Runs `deploy/cluster up --dir FOLDER --betterstore PATH`; throws with its output when it fails.
    public init(betterstore: String) throws {
        for missing in [MariaDBServer.missingTools, RedisServer.missing, TLSGateway.missingTools].compactMap({ $0 }) {
            throw Spawn.Failed(description: missing)
        }
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("cluster-\(UUID().uuidString)")
        let up = try Spawn.run([Self.script, "up", "--dir", folder.path, "--betterstore", betterstore])
        startOutput = up.output
        guard up.status == 0 else {
            stopped = true
            _ = try? Spawn.run([Self.script, "down", "--dir", folder.path])
            throw Spawn.Failed(description: "deploy/cluster up failed (\(up.status)):\n\(up.output)")
        }
        _ = try status()
    }

    deinit { stop() }

    /// `deploy/cluster status`, parsed; the `ca` line is left out.
    @discardableResult
    public func status() throws -> [Process] {
        let result = try Spawn.run([Self.script, "status", "--dir", folder.path])
        guard result.status == 0 || result.status == 1 else {
            throw Spawn.Failed(description: "deploy/cluster status failed (\(result.status)): \(result.output)")
        }
        let processes = result.output.split(separator: "\n").compactMap { line -> Process? in
            let fields = line.split(separator: " ").map(String.init)
            guard fields.count >= 3, fields[0] != "ca", let pid = pid_t(fields[1]) else { return nil }
            return Process(name: fields[0], pid: pid, url: fields[2], running: fields.count == 3)
        }
        for process in processes { seen[process.name] = process }
        return processes
    }

    public func process(_ name: String) throws -> Process {
        guard let process = try status().first(where: { $0.name == name }) else {
            throw Spawn.Failed(description: "deploy/cluster status names no \(name)")
        }
        return process
    }

    /// `https://127.0.0.1:PORT`.
    public var gatewayURL: String { seen["gateway"]?.url ?? "" }
    /// The cluster's certificate authority, to trust as with `--cacert`.
    public var authorityFile: String { folder.appendingPathComponent("tls/ca.pem").path }
    public var mariaDBURL: String { seen["mariadb"]?.url ?? "" }
    public var redisURL: String { seen["redis"]?.url ?? "" }

    /// Ends one process as a crash would (SIGKILL), found by its name in `status`, and waits until it has ended.
    public func kill(_ name: String) throws {
        let process = try process(name)
        guard process.running else { throw Spawn.Failed(description: "\(name) is not running") }
        Glibc.kill(process.pid, SIGKILL)
        guard Spawn.waitForEnd(of: process.pid, seconds: 10) else {
            throw Spawn.Failed(description: "\(name) (pid \(process.pid)) did not end")
        }
    }

    /// `deploy/cluster down`, then SIGKILL to any process it named that still
    /// runs. Returns what `down` printed and the processes left running after it
    /// (before the clean-up), for tests of `down` itself. Safe to call twice.
    @discardableResult
    public func stop() -> (output: String, survivors: [Process]) {
        guard !stopped else { return ("", []) }
        stopped = true
        let down = (try? Spawn.run([Self.script, "down", "--dir", folder.path]))?.output ?? "deploy/cluster did not run"
        let survivors = seen.values.filter { Spawn.isRunning($0.pid) && Self.startedHere(Self.commandName(of: $0.pid)) }
        for survivor in survivors {
            for pid in Spawn.processTree(of: survivor.pid) { Glibc.kill(pid, SIGKILL) }
        }
        try? FileManager.default.removeItem(at: folder)
        return (down, survivors)
    }

    /// Whether a command is one `up` starts (a pid reused by another program is left alone).
    private static func startedHere(_ command: String?) -> Bool {
        ["betterstore", "mariadbd", "redis-server", "nginx"].contains(command ?? "")
    }

    /// The running command of `pid`, or nil when there is none.
    private static func commandName(of pid: pid_t) -> String? {
        (try? String(contentsOfFile: "/proc/\(pid)/comm", encoding: .utf8))?.trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
