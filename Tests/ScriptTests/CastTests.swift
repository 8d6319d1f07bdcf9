import Foundation
import StoreCore
import Testing
import TestSupport

/// `--cast FILE`: asciicast v2 files of script runs, with real timing and the
/// theme's colours, that asciinema itself plays back.
private func q(_ text: String) -> String { TerminalPlayTests.shellQuoted(text) }

@Suite struct CastTests {
    static let script = """
        size 80x24
        wait "Featured"
        press s
        wait /\\d+ products/
        press Down a
        wait "Cart: 1 item"
        resize 100x30
        press c
        wait "Total"
        """

    static var storefront: String { q(TerminalPlayTests.binary ?? "storefront") }

    static let hasAsciinema = FileManager.default.isExecutableFile(atPath: "/usr/bin/asciinema")

    /// The header and the events of a cast file.
    static func read(_ path: String) throws -> (header: [String: Any], events: [[Any]]) {
        let lines = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n")
        let first = try #require(lines.first)
        let header = try #require(try JSONSerialization.jsonObject(with: Data(first.utf8)) as? [String: Any])
        var events: [[Any]] = []
        for line in lines.dropFirst() {
            events.append(try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [Any]))
        }
        return (header, events)
    }

    @Test(.enabled(if: TerminalPlayTests.binary != nil, "needs the built storefront binary"))
    func aScriptRunIsCastWithTimingColoursAndResizes() throws {
        let folder = try ScratchFolder()
        let script = try folder.write("tour.keys", Self.script)
        let cast = folder.url.appendingPathComponent("out/tour.cast").path
        let status = Shell.run("\(Self.storefront) --script \(q(script)) --cast \(q(cast))")
        #expect(status.status == 0, "\(status.output)")
        let (header, events) = try Self.read(cast)
        #expect(header["version"] as? Int == 2)
        #expect(header["width"] as? Int == 80 && header["height"] as? Int == 24)
        let times = events.compactMap { $0.first as? Double }
        #expect(times.count == events.count && times == times.sorted(), "times only go forward")
        #expect(events.contains { $0.count == 3 && $0[1] as? String == "r" && $0[2] as? String == "100x30" })
        let output = events.filter { $0[1] as? String == "o" }.compactMap { $0[2] as? String }.joined()
        #expect(output.contains("\u{1B}[0;1;38;5;"), "the theme's colours are in the cast")
        #expect(output.contains("Total") && output.contains("The Better Store"))
    }

    @Test(.enabled(if: TerminalPlayTests.binary != nil && TerminalPlayTests.hasTmux && hasAsciinema,
                   "needs tmux, asciinema and the built storefront binary"))
    func asciinemaPlaysTheCastToTheLastScreen() throws {
        let folder = try ScratchFolder()
        let script = try folder.write("tour.keys", Self.script)
        let cast = folder.url.appendingPathComponent("tour.cast").path
        #expect(Shell.run("\(Self.storefront) --script \(q(script)) --cast \(q(cast))").status == 0)
        let session = try TmuxSession("asciinema play -i 0.2 \(TmuxSession.quote(cast))" + TerminalPlayTests.exitMarker,
                                      size: Size(columns: 100, rows: 30))
        defer { session.stop() }
        let played = try session.wait(upTo: 20) { $0.contains("[exit 0]") }
        #expect(played.met, "asciinema did not finish:\n\(played.screen)")
        #expect(played.screen.contains("Total") && played.screen.contains("NZD"), "\(played.screen)")
    }

    @Test(.enabled(if: TerminalPlayTests.binary != nil, "needs the built storefront binary"))
    func storefrontTestKeepsTheCastsOfFailedScriptsOnly() throws {
        let folder = try ScratchFolder()
        try folder.write("suite/passes.keys", "wait \"Featured\"\n")
        try folder.write("suite/fails.keys", "wait \"Featured\"\nexpect \"No such words on screen\"\n")
        let casts = folder.url.appendingPathComponent("casts").path
        let run = Shell.run("\(Self.storefront) test \(q(folder.url.appendingPathComponent("suite").path)) --cast \(q(casts))")
        #expect(run.status == 1)
        #expect(run.output.contains("cast saved to \(casts)/fails.cast"), "\(run.output)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: casts) == ["fails.cast"])
        let (header, events) = try Self.read(casts + "/fails.cast")
        #expect(header["version"] as? Int == 2 && !events.isEmpty)
    }
}
