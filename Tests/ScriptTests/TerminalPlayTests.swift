import Foundation
import StoreCore
import Testing
import TestSupport

/// `--tty` and `--demo` on a real terminal: the built `storefront` binary run
/// inside tmux (a private server per test, stopped with the test), its screen read back as text.
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

    /// Appended to a command run in tmux: the shell prints its exit status after it,
    /// then sleeps until the session is stopped, so the screen stays as it was.
    static let exitMarker = "; echo \"[exit $?]\"; exec sleep 3600"

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
        let session = try TmuxSession(command + Self.exitMarker, size: Size(columns: 100, rows: 30))
        defer { session.stop() }
        #expect(try session.waitFor("36 products", upTo: 15).met, "\((try? session.screen()) ?? "")")
        #expect(try session.waitFor("[exit 0]", upTo: 15).met, "\((try? session.screen()) ?? "")")
        // The terminal is restored: the alternate screen is gone.
        #expect(!(try session.screen()).contains("The Better Store"), "\((try? session.screen()) ?? "")")
    }

    @Test(.enabled(if: binary != nil && hasTmux, "needs tmux and the built storefront binary"))
    func theDemoReachesTheConfirmationOnItsOwn() throws {
        let folder = try ScratchFolder()
        let command = "env TERM=xterm-256color XDG_DATA_HOME=\(Self.shellQuoted(folder.path)) XDG_CONFIG_HOME=\(Self.shellQuoted(folder.path)) "
            + "\(Self.shellQuoted(Self.binary!)) --demo --pace 10ms"
        let session = try TmuxSession(command + Self.exitMarker, size: Size(columns: 100, rows: 30))
        defer { session.stop() }
        #expect(try session.waitFor("Card details", upTo: 40).met, "\((try? session.screen()) ?? "")")
        #expect(!(try session.screen()).contains("4242 4242 4242 4242"))
        #expect(try session.waitFor("confirmed", upTo: 30).met, "\((try? session.screen()) ?? "")")
        #expect(try session.screen().range(of: #"Order TBS-[A-Z0-9]+ confirmed"#, options: .regularExpression) != nil)
        // Then the shop is the viewer's: q quits and the terminal is restored.
        try session.press("q")
        #expect(try session.waitFor("[exit 0]", upTo: 10).met, "\((try? session.screen()) ?? "")")
    }
}
