import Foundation
import StoreCore
import Testing
import TestSupport

/// `storefront` on its embedded shop in a tmux window, run by a shell that prints
/// markers around it: the exit status and the terminal modes after it ended. The
/// shell then sleeps until the session is stopped: a pane that died would have
/// tmux scroll its screen up a line to say so, moving the lines the tests check.
final class StorefrontInTmux {
    static let before = "BEFORE-STOREFRONT"
    static let exitMarker = "STOREFRONT-EXIT:"
    static let modesMarker = "MODES:"
    static let endMarker = "END-OF-MODES"

    let tmux: TmuxSession
    let dataDirectory: URL

    init(size: Size, environment: [String: String] = ["TERM": "xterm-256color"], arguments: [String] = []) throws {
        let executable = try #require(RepositoryPaths.storefrontExecutable,
                                      "storefront is not built next to the test bundle")
        dataDirectory = try RepositoryPaths.temporaryDirectory("tmux")
        let command = ([executable.path, "--data-dir", dataDirectory.path] + arguments).map(TmuxSession.quote).joined(separator: " ")
        let script = """
            clear; echo \(Self.before); \(command); echo "\(Self.exitMarker)$?"; \
            printf '\(Self.modesMarker)'; stty -a | tr -s ' ;' '\\n\\n' | grep -E '^-?(icanon|echo|icrnl|opost|isig)$' | tr '\\n' ' '; echo \(Self.endMarker); \
            exec sleep 3600
            """
        var environment = environment
        // A crash report must not wait for a key.
        environment["SWIFT_BACKTRACE"] = "enable=no"
        tmux = try TmuxSession(script, size: size, environment: environment)
    }

    deinit { try? FileManager.default.removeItem(at: dataDirectory) }

    /// Waits for the shell to report storefront's exit status; nil when it does not end in time.
    func exitStatus(upTo seconds: TimeInterval = 10) throws -> Int? {
        let (met, screen) = try tmux.wait(upTo: seconds) { $0.contains(Self.exitMarker) && $0.contains(Self.endMarker) }
        guard met else { return nil }
        return screen.components(separatedBy: "\n").first { $0.hasPrefix(Self.exitMarker) }
            .flatMap { Int($0.dropFirst(Self.exitMarker.count).trimmingCharacters(in: .whitespaces)) }
    }

    /// The terminal modes `stty` saw after storefront ended, e.g. ["icanon", "echo", …].
    func modesAfterExit() throws -> [String] {
        let line = try tmux.screen().components(separatedBy: "\n").first { $0.hasPrefix(Self.modesMarker) } ?? ""
        return line.dropFirst(Self.modesMarker.count).split(separator: " ").map(String.init).filter { $0 != Self.endMarker }
    }

    /// The pid of storefront itself (a child of the pane's shell).
    func storefrontPID() throws -> Int32? {
        guard let shell = tmux.panePID else { return nil }
        let children = (try? String(contentsOfFile: "/proc/\(shell)/task/\(shell)/children", encoding: .utf8)) ?? ""
        return children.split(separator: " ").compactMap { Int32($0) }.first
    }
}
