import Foundation
import StoreCore
#if canImport(Glibc)
import Glibc
#endif

/// A program in a real terminal: a detached tmux session on a private server
/// (its own `-L` socket), driven by keys and read back as screen text.
///
/// The server and everything it runs end with the session, pass or fail: `stop()`
/// (also on deinit) asks the server to quit, then kills by pid whatever of the
/// server, the pane's shell and their children is still there, and waits for it.
public final class TmuxSession {
    public let socket: String
    public let name = "t"
    /// The tmux server's pid, and the pane's shell's (the command runs under it).
    public private(set) var serverPID: pid_t?
    public private(set) var panePID: pid_t?
    private(set) var log: [String] = []
    private var stopped = false

    public struct CommandFailed: Error, CustomStringConvertible {
        var command: [String]
        var output: String
        public var description: String { "tmux \(command.joined(separator: " ")) failed: \(output)" }
    }

    /// Starts `shellCommand` (run by sh) in a `columns`x`rows` window. The pane stays
    /// after the command ends so its last screen and exit status can be read.
    public init(_ shellCommand: String, size: Size, environment: [String: String] = [:]) throws {
        socket = "storefront-test-\(UUID().uuidString.prefix(8))"
        // The pane inherits the test process's environment: start from a known one.
        let exports = "unset NO_COLOR COLORTERM TMUX; " + environment.sorted { $0.key < $1.key }
            .map { "export \($0.key)=\(Self.quote($0.value));" }.joined(separator: " ")
        do {
            try run(["-f", "/dev/null", "new-session", "-d", "-s", name, "-x", String(size.columns), "-y", String(size.rows),
                     "sh", "-c", exports + " " + shellCommand])
            serverPID = pid_t(try query("#{pid}"))
            panePID = pid_t(try query("#{pane_pid}"))
            try run(["set-option", "-t", name, "remain-on-exit", "on"])
        } catch {
            stop()
            throw error
        }
    }

    deinit { stop() }

    /// Ends the server and every process of the session. Safe to call twice.
    public func stop() {
        guard !stopped else { return }
        stopped = true
        let processes = (panePID.map(Spawn.processTree) ?? []) + (serverPID.map { [$0] } ?? [])
        _ = try? run(["kill-server"])
        // A hang-up ends them at once; what ignores it is killed.
        let deadline = Date().addingTimeInterval(1)
        while processes.contains(where: Spawn.isRunning), Date() < deadline { Thread.sleep(forTimeInterval: 0.02) }
        for pid in processes where Spawn.isRunning(pid) { kill(pid, SIGKILL) }
        for pid in processes { Spawn.waitForEnd(of: pid, seconds: 5) }
        // The socket of a server that was killed stays behind.
        unlink("\(Self.socketDirectory)/\(socket)")
    }

    private static var socketDirectory: String {
        let base = ProcessInfo.processInfo.environment["TMUX_TMPDIR"] ?? "/tmp"
        return "\(base)/tmux-\(getuid())"
    }

    public func press(_ keys: String...) throws {
        for key in keys { try run(["send-keys", "-t", name, key]) }
    }

    /// Types `text` literally, as a burst of keys.
    public func type(_ text: String) throws { try run(["send-keys", "-t", name, "-l", text]) }

    public func resize(_ size: Size) throws {
        try run(["resize-window", "-t", name, "-x", String(size.columns), "-y", String(size.rows)])
    }

    /// The screen as text, one line per row.
    public func screen() throws -> String { try run(["capture-pane", "-p", "-t", name]) }

    /// The screen with colours and attributes as escape sequences.
    public func screenWithStyles() throws -> String { try run(["capture-pane", "-p", "-e", "-t", name]) }

    public func query(_ format: String) throws -> String {
        try run(["display-message", "-p", "-t", name, format]).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    public var isAlternateScreenOn: Bool { (try? query("#{alternate_on}")) == "1" }
    public var hasExited: Bool { (try? query("#{pane_dead}")) == "1" }

    /// Waits until `condition` holds for the screen text; returns the last screen either way.
    @discardableResult
    public func wait(upTo seconds: TimeInterval = 10, until condition: (String) -> Bool) throws -> (met: Bool, screen: String) {
        let deadline = Date().addingTimeInterval(seconds)
        var text = try screen()
        while !condition(text) {
            if Date() > deadline { return (false, text) }
            Thread.sleep(forTimeInterval: 0.05)
            text = try screen()
        }
        return (true, text)
    }

    @discardableResult
    public func waitFor(_ text: String, upTo seconds: TimeInterval = 10) throws -> (met: Bool, screen: String) {
        try wait(upTo: seconds) { $0.contains(text) }
    }

    @discardableResult
    private func run(_ arguments: [String]) throws -> String {
        let (status, output) = try Spawn.run(["tmux", "-L", socket] + arguments)
        log.append("tmux \(arguments.joined(separator: " ")) → \(status)")
        guard status == 0 else { throw CommandFailed(command: arguments, output: output) }
        return output
    }

    public static func quote(_ text: String) -> String {
        "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}
