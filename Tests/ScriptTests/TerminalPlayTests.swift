import Foundation
import Testing

/// `--tty` and `--demo` on a real terminal: the built `storefront` binary run
/// inside tmux (a private server per test), its screen read back as text.
@Suite(.serialized) struct TerminalPlayTests {
    /// The storefront executable built beside the test bundle.
    static let binary: String? = {
        let folder = URL(fileURLWithPath: CommandLine.arguments.first ?? "").deletingLastPathComponent()
        let path = folder.appendingPathComponent("storefront").path
        return FileManager.default.isExecutableFile(atPath: path) ? path : nil
    }()

    static let hasTmux = ["/usr/bin/tmux", "/usr/local/bin/tmux", "/bin/tmux"].contains {
        FileManager.default.isExecutableFile(atPath: $0)
    }

    /// One program in a detached tmux session of its own.
    final class TmuxSession {
        let socket = "storefront-test-\(UUID().uuidString.prefix(8))"

        init(size: String, command: String) throws {
            let parts = size.split(separator: "x")
            // The shell prints the exit status, then lingers so the screen can be read.
            try tmux(["new-session", "-d", "-s", "play", "-x", String(parts[0]), "-y", String(parts[1]),
                      "\(command); echo \"[exit $?]\"; sleep 60"], readsOutput: false)
        }

        deinit { _ = try? tmux(["kill-server"]) }

        var screen: String { (try? tmux(["capture-pane", "-p", "-t", "play"])) ?? "" }

        /// Waits until `text` is on screen; false after `seconds`.
        func waitFor(_ text: String, seconds: Double) -> Bool {
            let deadline = Date().addingTimeInterval(seconds)
            while Date() < deadline {
                if screen.contains(text) { return true }
                Thread.sleep(forTimeInterval: 0.1)
            }
            return false
        }

        func keys(_ keys: String...) throws { try tmux(["send-keys", "-t", "play"] + keys) }

        /// Types `text` literally, as a burst of keys.
        func type(_ text: String) throws { try tmux(["send-keys", "-t", "play", "-l", text]) }

        /// Runs tmux through the shell (see `Shell`). Returns what it printed.
        @discardableResult
        private func tmux(_ arguments: [String], readsOutput: Bool = true) throws -> String {
            let line = (["tmux", "-L", socket] + arguments).map(TerminalPlayTests.shellQuoted).joined(separator: " ")
            guard readsOutput else {
                // The server that new-session starts lives on: it must not hold a pipe of ours.
                _ = system(line + " >/dev/null 2>&1 </dev/null")
                return ""
            }
            return Shell.run(line).output
        }
    }

    static func shellQuoted(_ text: String) -> String { "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'" }

    @Test(.enabled(if: binary != nil && hasTmux, "needs tmux and the built storefront binary"))
    func aScriptPlaysOnTheTerminalAtAPace() throws {
        let folder = try ScratchFolder()
        let script = try folder.write("tour.keys", """
        wait "Cien años de soledad"
        press s
        wait "64 products"
        press Right
        wait "36 products"
        sleep 1500ms
        press c
        wait "Cart"
        sleep 300ms
        """)
        let command = "env TERM=xterm-256color XDG_DATA_HOME=\(Self.shellQuoted(folder.path)) XDG_CONFIG_HOME=\(Self.shellQuoted(folder.path)) "
            + "\(Self.shellQuoted(Self.binary!)) --script \(Self.shellQuoted(script)) --tty --pace 20ms"
        let session = try TmuxSession(size: "100x30", command: command)
        #expect(session.waitFor("36 products", seconds: 15), "\(session.screen)")
        #expect(session.waitFor("[exit 0]", seconds: 15), "\(session.screen)")
        // The terminal is restored: the alternate screen is gone.
        #expect(!session.screen.contains("The Better Store"), "\(session.screen)")
    }

    @Test(.enabled(if: binary != nil && hasTmux, "needs tmux and the built storefront binary"))
    func theDemoReachesTheConfirmationOnItsOwn() throws {
        let folder = try ScratchFolder()
        let command = "env TERM=xterm-256color XDG_DATA_HOME=\(Self.shellQuoted(folder.path)) XDG_CONFIG_HOME=\(Self.shellQuoted(folder.path)) "
            + "\(Self.shellQuoted(Self.binary!)) --demo --pace 10ms"
        let session = try TmuxSession(size: "100x30", command: command)
        #expect(session.waitFor("Card details", seconds: 40), "\(session.screen)")
        #expect(!session.screen.contains("4242 4242 4242 4242"))
        #expect(session.waitFor("confirmed", seconds: 30), "\(session.screen)")
        #expect(session.screen.range(of: #"Order TBS-[A-Z0-9]+ confirmed"#, options: .regularExpression) != nil)
        // Then the shop is the viewer's: q quits and the terminal is restored.
        try session.keys("q")
        #expect(session.waitFor("[exit 0]", seconds: 10), "\(session.screen)")
    }
}
