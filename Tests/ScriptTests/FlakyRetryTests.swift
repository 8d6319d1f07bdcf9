import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
import TestSupport
@testable import StorefrontApp

/// `--retries N`: a script that fails and then passes is reported as flaky —
/// in its line, the summary, JUnit and the HTML report — and the run passes.
@Suite struct FlakyRetryTests {
    /// Depends on what an earlier run left behind, as flaky tests do: it signs in
    /// as the demo shopper on a shared shop, adds a book and expects two in the
    /// cart. The first run leaves one there, so only a second run sees two.
    static let leftoverDependent = """
        size 120x32
        wait "Featured"
        press o
        wait "Sign in with your email"
        type "demo@betterstore.test"
        press Tab
        type "betterdemo"
        press Enter
        wait "Signed in as Demo Shopper"
        press s
        wait "A Brief History of Time"
        press a
        wait "Added"
        wait "Cart: 2 items" 2s
        """

    @Test func aScriptThatPassesOnItsSecondRunIsFlaky() throws {
        let store = try TestStore()
        defer { store.stop() }
        let folder = try ScratchFolder()
        let script = try folder.write("scripts/leftovers.keys", Self.leftoverDependent)
        let passing = try folder.write("scripts/home.keys", "size 80x24\nwait \"Featured\"\n")
        var lines: [String] = []
        let status = TestCommand.run(arguments: [script, passing, "--api", store.baseURL, "--retries", "2", "--jobs", "1",
                                                 "--junit", folder.url.appendingPathComponent("out/junit.xml").path,
                                                 "--html", folder.url.appendingPathComponent("out/report.html").path],
                                     output: { lines.append($0) })
        #expect(status == 0, "a flaky script still passes: \(lines)")
        let flakyLine = try #require(lines.first { $0.hasPrefix("FLAKY ") }, "\(lines)")
        #expect(flakyLine.contains("leftovers.keys") && flakyLine.contains("passed on run 2"), "\(flakyLine)")
        #expect(flakyLine.contains("run 1 failed: \(script):14: wait \"Cart: 2 items\""), "\(flakyLine)")
        #expect(lines.contains { $0.hasPrefix("PASS ") && $0.contains("home.keys") })
        #expect(lines.last == "1 passed, 1 flaky, 0 failed")

        let xml = try #require(folder.read("out/junit.xml"))
        #expect(xml.contains("failures=\"0\" errors=\"0\""), "flaky is a pass")
        #expect(xml.contains("<property name=\"flaky\" value=\"true\"/>"))
        #expect(xml.contains("<property name=\"runs\" value=\"2\"/>"))
        #expect(xml.contains("<flakyFailure message=") && xml.contains("Cart: 2 items"))
        #expect(xml.contains("<system-out>FLAKY: passed on run 2"))
        let parser = XMLParser(data: Data(xml.utf8))
        #expect(parser.parse())

        let html = try #require(folder.read("out/report.html"))
        #expect(html.contains("1 passed</span>, <span class=\"FLAKY\">1 flaky</span>, <span class=\"FAIL\">0 failed"))
        #expect(html.contains("<td class=\"FLAKY\">FLAKY</td>"))
        #expect(html.contains("run 1 failed: "))
    }

    @Test func withoutRetriesTheSameScriptFails() throws {
        let store = try TestStore()
        defer { store.stop() }
        let folder = try ScratchFolder()
        let script = try folder.write("leftovers.keys", Self.leftoverDependent)
        var lines: [String] = []
        #expect(TestCommand.run(arguments: [script, "--api", store.baseURL], output: { lines.append($0) }) == 1)
        #expect(lines.last == "0 passed, 0 flaky, 1 failed")
    }

    @Test func aScriptThatFailsEveryRunFailsAndSaysHowOften() throws {
        let folder = try ScratchFolder()
        let script = try folder.write("fails.keys", "size 80x24\nwait \"Featured\"\nexpect \"Unicorns\"\n")
        var lines: [String] = []
        #expect(TestCommand.run(arguments: [script, "--retries", "1"], output: { lines.append($0) }) == 1)
        #expect(lines.contains { $0.hasPrefix("FAIL ") && $0.hasSuffix("(failed 2 runs)") }, "\(lines)")
        #expect(lines.last == "0 passed, 0 flaky, 1 failed")
    }
}
