import Foundation
import StoreCore

/// A program in a real terminal: a detached tmux session on a private server
/// (its own `-L` socket), driven by keys and read back as screen text.
final class TmuxSession {
    let socket: String
    let name = "t"
    private(set) var log: [String] = []

    struct CommandFailed: Error, CustomStringConvertible {
        var command: [String]
        var output: String
        var description: String { "tmux \(command.joined(separator: " ")) failed: \(output)" }
    }

    /// Starts `shellCommand` (run by sh) in a `columns`x`rows` window. The pane stays
    /// after the command ends so its last screen and exit status can be read.
    init(_ shellCommand: String, size: Size, environment: [String: String] = [:]) throws {
        socket = "storefront-test-\(UUID().uuidString.prefix(8))"
        // The pane inherits the test process's environment: start from a known one.
        let exports = "unset NO_COLOR COLORTERM TMUX; " + environment.sorted { $0.key < $1.key }
            .map { "export \($0.key)=\(Self.quote($0.value));" }.joined(separator: " ")
        try run(["-f", "/dev/null", "new-session", "-d", "-s", name, "-x", String(size.columns), "-y", String(size.rows),
                 "sh", "-c", exports + " " + shellCommand])
        try run(["set-option", "-t", name, "remain-on-exit", "on"])
    }

    deinit { _ = try? run(["kill-server"]) }

    func press(_ keys: String...) throws {
        for key in keys { try run(["send-keys", "-t", name, key]) }
    }

    func type(_ text: String) throws { try run(["send-keys", "-t", name, "-l", text]) }

    func resize(_ size: Size) throws {
        try run(["resize-window", "-t", name, "-x", String(size.columns), "-y", String(size.rows)])
    }

    /// The screen as text, one line per row.
    func screen() throws -> String { try run(["capture-pane", "-p", "-t", name]) }

    /// The screen with colours and attributes as escape sequences.
    func screenWithStyles() throws -> String { try run(["capture-pane", "-p", "-e", "-t", name]) }

    func query(_ format: String) throws -> String {
        try run(["display-message", "-p", "-t", name, format]).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    var isAlternateScreenOn: Bool { (try? query("#{alternate_on}")) == "1" }
    var hasExited: Bool { (try? query("#{pane_dead}")) == "1" }
    /// The pid of the pane's process (the `sh` running the command).
    var panePID: Int32? { (try? query("#{pane_pid}")).flatMap { Int32($0) } }

    /// Waits until `condition` holds for the screen text; returns the last screen either way.
    @discardableResult
    func wait(upTo seconds: TimeInterval = 10, until condition: (String) -> Bool) throws -> (met: Bool, screen: String) {
        let deadline = Date().addingTimeInterval(seconds)
        var text = try screen()
        while !condition(text) {
            if Date() > deadline { return (false, text) }
            Thread.sleep(forTimeInterval: 0.05)
            text = try screen()
        }
        return (true, text)
    }

    func waitFor(_ text: String, upTo seconds: TimeInterval = 10) throws -> (met: Bool, screen: String) {
        try wait(upTo: seconds) { $0.contains(text) }
    }

    @discardableResult
    private func run(_ arguments: [String]) throws -> String {
        let (status, output) = try Spawn.run(["tmux", "-L", socket] + arguments)
        log.append("tmux \(arguments.joined(separator: " ")) → \(status)")
        guard status == 0 else { throw CommandFailed(command: arguments, output: output) }
        return output
    }

    static func quote(_ text: String) -> String {
        "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}
