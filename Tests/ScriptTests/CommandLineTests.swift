import Foundation
import StoreCore
import Testing
@testable import StorefrontApp

/// The command line and the config file: what is accepted, and the status of a mistake.
@Suite struct CommandLineTests {
    @Test func readsTheFlags() throws {
        let options = try LaunchOptions.parse(["--api", "https://shop.example/api", "--theme=light", "--script", "a.keys",
                                               "--tty", "--pace", "40ms", "--clock", "2026-01-01T10:00:00Z",
                                               "--snapshots", "snaps", "--update-snapshots"])
        #expect(options.apiURL == "https://shop.example/api")
        #expect(options.theme == "light")
        #expect(options.scriptPath == "a.keys")
        #expect(options.onTerminal)
        #expect(options.pace == 0.04)
        #expect(options.clock == Date(timeIntervalSince1970: 1_767_261_600))
        #expect(options.snapshotsDirectory == "snaps")
        #expect(options.updateSnapshots)
    }

    @Test(arguments: [
        ["--frobnicate"], ["stray"], ["--api"], ["--api", "ftp://x"], ["--clock", "yesterday"],
        ["--pace", "fast"], ["--tty"], ["--demo", "--script", "a.keys"], ["--record", "r.keys", "--demo"],
    ])
    func aMistakeIsStatusTwo(_ arguments: [String]) {
        #expect(throws: UsageError.self) { try LaunchOptions.parse(arguments) }
        #expect(StorefrontMain.run(arguments: arguments) == 2)
    }

    @Test func storefrontTestReadsTheSharedFlagsAlike() throws {
        let options = try TestOptions.parse(["scripts", "--api=http://127.0.0.1:1/api", "--clock", "2026-01-01T10:00:00Z",
                                             "--junit", "report.xml"])
        #expect(options.paths == ["scripts"])
        #expect(options.apiURL == "http://127.0.0.1:1/api")
        #expect(options.clock == Date(timeIntervalSince1970: 1_767_261_600))
        #expect(options.junitPath == "report.xml")
        for mistake in [["--api", "ftp://x"], ["--clock", "yesterday"]] {
            #expect(throws: try #require(usageError { try LaunchOptions.parse(mistake) })) {
                try TestOptions.parse(["scripts"] + mistake)
            }
        }
    }

    private func usageError(_ parse: () throws -> Any) -> UsageError? {
        do { _ = try parse(); return nil } catch { return error as? UsageError }
    }

    @Test func helpAndVersionAreStatusZero() {
        #expect(StorefrontMain.run(arguments: ["--help"]) == 0)
        #expect(StorefrontMain.run(arguments: ["--version"]) == 0)
        #expect(StorefrontMain.run(arguments: ["test", "--help"]) == 0)
    }

    @Test func aBadThemeFileIsStatusTwo() throws {
        let folder = try ScratchFolder()
        let theme = try folder.write("broken.theme", "title = bold\nprice = chartreuse-ish\n")
        #expect(StorefrontMain.run(arguments: ["--theme", theme]) == 2)
        #expect(StorefrontMain.run(arguments: ["--theme", "no-such-theme-anywhere"]) == 2)
    }

    @Test func theConfigFileSetsThemeAndKeys() throws {
        let folder = try ScratchFolder()
        let path = try folder.write("config", "# mine\ntheme = mono\nbind go-cart = b\n")
        let config = try UserConfig.load(path: path)
        #expect(config.theme == "mono")
        #expect(config.keymap.action(for: .character("b"), on: .home) == .goCart)
    }

    @Test func aBadConfigLineNamesTheFileAndLine() throws {
        let folder = try ScratchFolder()
        let path = try folder.write("config", "theme = mono\n\ncolour please\n")
        do {
            _ = try UserConfig.load(path: path)
            Issue.record("expected an error")
        } catch {
            #expect("\(error)".hasPrefix("\(path):3: "), "\(error)")
        }
        let badBinding = try folder.write("config2", "bind noSuchAction = x\n")
        #expect(throws: (any Error).self) { try UserConfig.load(path: badBinding) }
    }

    @Test func noConfigFileMeansTheDefaults() throws {
        let config = try UserConfig.load(path: "/nonexistent/storefront/config")
        #expect(config.theme == nil)
        #expect(config.keymap == .standard)
    }

    @Test func theDataDirectoryFollowsXDG() {
        #expect(DataDirectory.resolve(nil, environment: ["XDG_DATA_HOME": "/x", "HOME": "/h"]) == "/x/storefront")
        #expect(DataDirectory.resolve(nil, environment: ["HOME": "/h"]) == "/h/.local/share/storefront")
        #expect(DataDirectory.resolve("/d", environment: ["XDG_DATA_HOME": "/x"]) == "/d")
    }

    @Test func withoutATerminalItSaysSoAndExitsOne() throws {
        // The test process has no terminal on stdin/stdout when run by the test runner.
        guard isatty(STDIN_FILENO) == 0 || isatty(STDOUT_FILENO) == 0 else { return }
        let folder = try ScratchFolder()
        #expect(StorefrontMain.run(arguments: ["--data-dir", folder.path]) == 1)
    }

    @Test func waitGoneWaitsForTextToLeave() throws {
        let script = try ScriptParser.parse("wait-gone \"loading…\" 2s\n", environment: [:])
        guard case .waitGone(let pattern, let timeout) = script.steps.first?.command else {
            Issue.record("not wait-gone"); return
        }
        #expect(pattern.matches("x loading… y"))
        #expect(timeout == 2)
    }
}
