import Foundation
import StoreCore
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// The ncurses backend in a real terminal: storefront under tmux.
@Suite(.serialized) struct NcursesTerminalTests {
    /// The modes a shell has when a program gave the terminal back properly.
    static let saneModes: Set<String> = ["icanon", "echo", "icrnl", "opost", "isig"]

    /// `shellLinesKept`: the shell's own lines are where they were. Not checked after a
    /// resize, because tmux reflows the saved main screen then.
    private func expectRestored(_ app: StorefrontInTmux, status: Int?, shellLinesKept: Bool = true,
                                sourceLocation: SourceLocation = #_sourceLocation) throws {
        #expect(status != nil, "storefront did not end", sourceLocation: sourceLocation)
        #expect(!app.tmux.isAlternateScreenOn, "the alternate screen is still on", sourceLocation: sourceLocation)
        let modes = Set(try app.modesAfterExit())
        #expect(modes == Self.saneModes, "terminal modes after exit: \(modes.sorted())", sourceLocation: sourceLocation)
        let screen = try app.tmux.screen()
        #expect(!screen.contains("The Better Store"), "the shop is still on screen:\n\(screen)", sourceLocation: sourceLocation)
        guard shellLinesKept else { return }
        let lines = screen.components(separatedBy: "\n").filter { !$0.trimmingCharacters(in: .whitespaces).isEmpty }
        #expect(lines.first == StorefrontInTmux.before, "the shell's lines moved:\n\(screen)", sourceLocation: sourceLocation)
    }

    @Test func startsTakesKeysAndQuitsCleanly() throws {
        let app = try StorefrontInTmux(size: Size(columns: 80, rows: 24))
        let home = try app.tmux.waitFor("Featured")
        #expect(home.met, "home screen never appeared:\n\(home.screen)")
        #expect(home.screen.contains("The Better Store"))
        #expect(app.tmux.isAlternateScreenOn)

        try app.tmux.press("s")
        let catalogue = try app.tmux.wait { $0.contains("Catalogue") && $0.contains("products") }
        #expect(catalogue.met, "the catalogue never appeared:\n\(catalogue.screen)")

        try app.tmux.press("q")
        let status = try app.exitStatus()
        #expect(status == 0)
        try expectRestored(app, status: status)
    }

    @Test func controlCQuitsAtOnce() throws {
        let app = try StorefrontInTmux(size: Size(columns: 80, rows: 24))
        #expect(try app.tmux.waitFor("Featured").met)
        try app.tmux.press("s")
        _ = try app.tmux.waitFor("Catalogue")
        let pressed = Date()
        try app.tmux.press("C-c")
        let status = try app.exitStatus(upTo: 5)
        #expect(Date().timeIntervalSince(pressed) < 3)
        try expectRestored(app, status: status)
    }

    @Test func sigtermRestoresTheTerminal() throws {
        let app = try StorefrontInTmux(size: Size(columns: 80, rows: 24))
        #expect(try app.tmux.waitFor("Featured").met)
        let pid = try #require(try app.storefrontPID())
        kill(pid, SIGTERM)
        let status = try app.exitStatus(upTo: 5)
        #expect(status != 0)
        try expectRestored(app, status: status)
    }

    @Test func crashSignalRestoresTheTerminal() throws {
        let app = try StorefrontInTmux(size: Size(columns: 80, rows: 24))
        #expect(try app.tmux.waitFor("Featured").met)
        let pid = try #require(try app.storefrontPID())
        kill(pid, SIGSEGV)
        let status = try app.exitStatus(upTo: 5)
        #expect(status == 128 + Int(SIGSEGV))
        try expectRestored(app, status: status)
    }

    /// Wide characters take two columns: the rest of the line stays in its place.
    @Test func cjkNamesAreDrawnInPlace() throws {
        let app = try StorefrontInTmux(size: Size(columns: 80, rows: 24))
        let home = try app.tmux.waitFor("ノルウェイの森")
        #expect(home.met, "no CJK name on the home screen:\n\(home.screen)")
        let lines = home.screen.components(separatedBy: "\n")
        let cjk = try #require(lines.first { $0.contains("ノルウェイの森") })
        let frame = try #require(lines.first { $0.hasPrefix("└") })
        #expect(DisplayWidth.of(cjk) == DisplayWidth.of(frame), "\n\(cjk)\n\(frame)")
        #expect(cjk.hasSuffix("│") && frame.hasSuffix("┘"))
        for line in lines { #expect(DisplayWidth.of(line) <= 80, "too wide: \(line)") }
        try app.tmux.press("q")
        try expectRestored(app, status: try app.exitStatus())
    }

    @Test func resizeRedrawsAtTheNewSize() throws {
        let app = try StorefrontInTmux(size: Size(columns: 80, rows: 24))
        #expect(try app.tmux.waitFor("Featured").met)
        try app.tmux.resize(Size(columns: 120, rows: 40))
        let wide = try app.tmux.wait { screen in
            screen.components(separatedBy: "\n").contains { $0.hasPrefix("└") && DisplayWidth.of($0) == 120 }
        }
        #expect(wide.met, "no full-width frame after growing to 120 columns:\n\(wide.screen)")
        try app.tmux.resize(Size(columns: 60, rows: 20))
        let narrow = try app.tmux.wait { screen in
            let lines = screen.components(separatedBy: "\n")
            return lines.allSatisfy { DisplayWidth.of($0) <= 60 } && lines.contains { $0.hasPrefix("└") && DisplayWidth.of($0) == 60 }
        }
        #expect(narrow.met, "not redrawn at 60 columns:\n\(narrow.screen)")
        try app.tmux.press("q")
        try expectRestored(app, status: try app.exitStatus(), shellLinesKept: false)
    }

    @Test(arguments: [
        ("xterm-256color", nil, "256"),
        ("xterm", nil, "8"),
        ("xterm-256color", "1", "none"),
    ] as [(String, String?, String)])
    func coloursFollowTheTerminal(term: String, noColor: String?, expected: String) throws {
        var environment = ["TERM": term]
        environment["NO_COLOR"] = noColor
        let app = try StorefrontInTmux(size: Size(columns: 80, rows: 24), environment: environment)
        #expect(try app.tmux.waitFor("Featured").met)
        let styled = try app.tmux.screenWithStyles()
        let uses256 = styled.contains("[38;5;") || styled.contains("[48;5;")
        let usesBasic = styled.range(of: "\u{1B}\\[([0-9;]*;)?(3|4|9|10)[0-7](;[0-9;]*)?m", options: .regularExpression) != nil
        let shown = styled.replacingOccurrences(of: "\u{1B}", with: "^[").prefix(600)
        switch expected {
        case "256": #expect(uses256, "\(shown)")
        case "8": #expect(!uses256 && usesBasic, "\(shown)")
        default: #expect(!uses256 && !usesBasic, "\(shown)")
        }
        // Attributes are there in every mode (the selection, the title).
        #expect(styled.contains("\u{1B}[1m") || styled.contains(";1m") || styled.contains("[7m"))
        try app.tmux.press("q")
        try expectRestored(app, status: try app.exitStatus())
    }

    @Test func withoutATerminalItSaysSoAndExits1() throws {
        let executable = try #require(RepositoryPaths.storefrontExecutable)
        let process = Process()
        process.executableURL = executable
        let dataDirectory = try RepositoryPaths.temporaryDirectory("notty")
        defer { try? FileManager.default.removeItem(at: dataDirectory) }
        process.arguments = ["--data-dir", dataDirectory.path]
        let errors = Pipe()
        process.standardInput = Pipe()
        process.standardOutput = Pipe()
        process.standardError = errors
        try process.run()
        let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 1)
        #expect(message.lowercased().contains("terminal"), "stderr: \(message)")
        #expect(!message.contains("\u{1B}["), "escape sequences written without a terminal")
    }
}
