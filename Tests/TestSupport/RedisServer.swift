import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A real redis-server for tests on a free loopback port, with its own
/// temporary folder, no persistence, and stopped by its pid by `stop()`
/// (also on deinit), pass or fail.
///
///     let redis = try RedisServer()
///     defer { redis.stop() }
///     … redis.url(database: 1) …
///
/// Tests of one suite share one server with `RedisServer.lease()`: the server
/// starts with the first lease and stops when the last is given back, each
/// test using its own key prefix (or database) so they do not meet.
public final class RedisServer: @unchecked Sendable {
    public static let executable = "/usr/bin/redis-server"
    /// Why these tests cannot run here, or nil when redis-server is installed.
    public static let missing: String? = FileManager.default.isExecutableFile(atPath: executable)
        ? nil : "\(executable) is not installed (apt-get install redis-server libhiredis-dev)"

    public let port: Int
    public let folder: URL
    private var pid: pid_t?
    private let lock = NSLock()

    /// `redis://127.0.0.1:PORT/DATABASE`.
    public func url(database: Int = 0) -> String { "redis://127.0.0.1:\(port)/\(database)" }

    /// The running server's pid, nil while stopped.
    public var processID: pid_t? { lock.lock(); defer { lock.unlock() }; return pid }

    public init() throws {
        if let missing = Self.missing { throw Spawn.Failed(description: missing) }
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("redis-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let folder = self.folder
        do {
            (port, pid) = try LoopbackPort.startServer("redis-server") { try Self.start(in: folder, port: $0) }
        } catch {
            try? FileManager.default.removeItem(at: folder)
            throw error
        }
    }

    deinit { stop() }

    /// Stops the server and removes its folder. Safe to call twice.
    public func stop() {
        halt()
        try? FileManager.default.removeItem(at: folder)
    }

    /// Stops the server, as a crash or an operator would, keeping its port
    /// and folder for `resume()`.
    public func halt() {
        lock.lock()
        let running = pid
        pid = nil
        lock.unlock()
        guard let running else { return }
        Spawn.terminate(running, grace: 5)
    }

    /// Starts the server again on the same port after `halt()`.
    public func resume() throws {
        lock.lock(); defer { lock.unlock() }
        guard pid == nil else { return }
        pid = try Self.start(in: folder, port: port)
    }

    /// Starts redis-server as a daemon and returns its pid once it answers PING.
    private static func start(in folder: URL, port: Int) throws -> pid_t {
        let path = folder.path
        let pidFile = "\(path)/redis.pid"
        let log = "\(path)/redis.log"
        try? FileManager.default.removeItem(atPath: pidFile)
        let result = try Spawn.run([executable, "--port", String(port), "--bind", "127.0.0.1",
                                    "--save", "", "--appendonly", "no", "--dir", path,
                                    "--daemonize", "yes", "--pidfile", pidFile, "--logfile", log])
        let logText = { (try? String(contentsOfFile: log, encoding: .utf8)) ?? "" }
        guard result.status == 0 else {
            throw Spawn.Failed(description: "redis-server did not start (\(result.status)): \(result.output) \(logText())")
        }
        let deadline = Date().addingTimeInterval(10)
        var started: pid_t?
        while Date() < deadline {
            if started == nil, let text = try? String(contentsOfFile: pidFile, encoding: .utf8) {
                started = pid_t(text.trimmingCharacters(in: .whitespacesAndNewlines))
            }
            if let started {
                guard Spawn.isRunning(started) else { break }
                if answersPing(port: port) { return started }
            }
            Thread.sleep(forTimeInterval: 0.01)
        }
        if let started { kill(started, SIGKILL) }
        throw Spawn.Failed(description: "redis-server on port \(port) did not answer PING: \(logText())")
    }

    /// Sends one command (in `database`) over a connection of its own and
    /// returns the reply's first line as Redis wrote it, e.g. `:1`, `+OK`,
    /// `$-1` or `-ERR …`, for tests that look at keys behind the store's back.
    public func command(_ arguments: [String], database: Int = 0) throws -> String {
        let socketFD = try RawSocket.connected(port: UInt16(port), timeout: 5)
        defer { close(socketFD) }
        let commands = database == 0 ? [arguments] : [["SELECT", String(database)], arguments]
        var request = ""
        for command in commands {
            request += "*\(command.count)\r\n"
            for argument in command { request += "$\(argument.utf8.count)\r\n\(argument)\r\n" }
        }
        let bytes = Array(request.utf8)
        guard send(socketFD, bytes, bytes.count, Int32(MSG_NOSIGNAL)) == bytes.count else {
            throw Spawn.Failed(description: "cannot send to redis on port \(port)")
        }
        var received: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 4096)
        // Each reply here is one line, except a bulk string's, which is enough to read the head of.
        while String(decoding: received, as: UTF8.self).components(separatedBy: "\r\n").count <= commands.count {
            let count = recv(socketFD, &chunk, chunk.count, 0)
            guard count > 0 else { throw Spawn.Failed(description: "no answer from redis on port \(port)") }
            received += chunk[0..<count]
        }
        return String(decoding: received, as: UTF8.self).components(separatedBy: "\r\n")[commands.count - 1]
    }

    private static func answersPing(port: Int) -> Bool {
        guard let socketFD = try? RawSocket.connected(port: UInt16(port), timeout: 1) else { return false }
        defer { close(socketFD) }
        let ping = Array("PING\r\n".utf8)
        guard send(socketFD, ping, ping.count, Int32(MSG_NOSIGNAL)) == ping.count else { return false }
        var answer = [UInt8](repeating: 0, count: 64)
        let count = recv(socketFD, &answer, answer.count, 0)
        return count > 0 && String(decoding: answer[0..<count], as: UTF8.self).hasPrefix("+PONG")
    }

    // MARK: One server shared by the tests of a suite

    private static let sharedLock = NSLock()
    nonisolated(unsafe) private static var shared: RedisServer?
    nonisolated(unsafe) private static var leases = 0

    /// The shared server, started if none runs; give it back with `release()`.
    public static func lease() throws -> RedisServer {
        sharedLock.lock(); defer { sharedLock.unlock() }
        if let shared {
            leases += 1
            return shared
        }
        let server = try RedisServer()
        shared = server
        leases = 1
        return server
    }

    /// Gives back a lease; the last one stops the shared server.
    public static func release() {
        sharedLock.lock()
        leases -= 1
        let last = leases <= 0 ? shared : nil
        if last != nil { shared = nil; leases = 0 }
        sharedLock.unlock()
        last?.stop()
    }
}
