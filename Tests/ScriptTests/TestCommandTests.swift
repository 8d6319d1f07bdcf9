import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
@testable import StorefrontApp

/// `storefront test`: each script on its own embedded shop, one line each,
/// the closing count, the JUnit report and the saved failure screen.
@Suite struct TestCommandTests {
    @Test func runsADirectoryAndReports() throws {
        let folder = try ScratchFolder()
        try folder.write("scripts/a-pass.keys", "size 80x24\nwait \"Featured\"\n")
        try folder.write("scripts/b-fail.keys", "size 80x24\nwait \"Featured\"\n\nexpect \"Unicorns\"\n")
        try folder.write("scripts/c-broken.keys", "press Hyper\n")
        try folder.write("scripts/_partial.keys", "press Hyper\n")
        let report = folder.url.appendingPathComponent("reports/junit.xml").path
        var lines: [String] = []
        let status = TestCommand.run(arguments: [folder.url.appendingPathComponent("scripts").path, "--junit", report,
                                                 "--snapshots", folder.url.appendingPathComponent("snaps").path],
                                     output: { lines.append($0) })
        #expect(status == 1)
        let summary = lines.filter { $0.hasPrefix("PASS ") || $0.hasPrefix("FAIL ") }
        #expect(summary.count == 3, "\(lines)")
        #expect(summary[0].hasPrefix("PASS ") && summary[0].contains("a-pass.keys"))
        #expect(summary[1].hasPrefix("FAIL ") && summary[1].contains("b-fail.keys:4: expect \"Unicorns\""))
        #expect(summary[2].hasPrefix("FAIL ") && summary[2].contains("c-broken.keys:1: unknown key name"))
        #expect(lines.last == "1 passed, 0 flaky, 2 failed")

        let xml = try #require(folder.read("reports/junit.xml"))
        #expect(xml.hasPrefix("<?xml version=\"1.0\" encoding=\"UTF-8\"?>"))
        #expect(xml.contains("<testsuites name=\"storefront\" tests=\"3\" failures=\"1\" errors=\"1\""))
        #expect(xml.contains("<testcase name=\"a-pass\""))
        #expect(xml.contains("<failure message=") && xml.contains("type=\"expectation\""))
        #expect(xml.contains("<error message=") && xml.contains("type=\"script\""))
        #expect(xml.contains("&quot;Unicorns&quot;"))
        // Well-formed: Foundation's XML parser reads it.
        let parser = XMLParser(data: Data(xml.utf8))
        #expect(parser.parse(), "\(parser.parserError.map(String.init(describing:)) ?? "")")

        let screen = try #require(folder.read("reports/b-fail.failure.txt"))
        #expect(screen.contains("b-fail.keys:4"))
        #expect(screen.contains("Featured"))
    }

    @Test func sameNamedFailuresInTwoFoldersKeepBothScreens() throws {
        let folder = try ScratchFolder()
        try folder.write("scripts/cart/check.keys", "size 80x24\nwait \"Featured\"\nexpect \"Unicorns\"\n")
        try folder.write("scripts/home/check.keys", "size 80x24\nwait \"Featured\"\nexpect \"Dragons\"\n")
        let report = folder.url.appendingPathComponent("reports/junit.xml").path
        var lines: [String] = []
        let status = TestCommand.run(arguments: [folder.url.appendingPathComponent("scripts").path, "--junit", report],
                                     output: { lines.append($0) })
        #expect(status == 1)
        // Each screen is saved as its script fails, and named under its FAIL line.
        let failIndexes = lines.indices.filter { lines[$0].hasPrefix("FAIL ") }
        let savedIndexes = lines.indices.filter { lines[$0].hasPrefix("  screen saved to ") }
        #expect(failIndexes.count == 2 && savedIndexes.count == 2, "\(lines)")
        if failIndexes.count == 2 && savedIndexes.count == 2 {
            #expect(failIndexes[0] < savedIndexes[0] && savedIndexes[0] < failIndexes[1], "\(lines)")
        }
        let screens = [folder.read("reports/check.failure.txt"), folder.read("reports/home-check.failure.txt")]
        #expect(screens[0]?.contains("Unicorns") == true)
        #expect(screens[1]?.contains("Dragons") == true)
    }

    @Test func allPassingIsStatusZero() throws {
        let folder = try ScratchFolder()
        let file = try folder.write("ok.keys", "wait \"Featured\"\n")
        var lines: [String] = []
        #expect(TestCommand.run(arguments: [file], output: { lines.append($0) }) == 0)
        #expect(lines.last == "1 passed, 0 flaky, 0 failed")
    }

    @Test func badArgumentsAreStatusTwo() {
        #expect(TestCommand.run(arguments: [], output: { _ in }) == 2)
        #expect(TestCommand.run(arguments: ["/no/such/scripts"], output: { _ in }) == 2)
        #expect(TestCommand.run(arguments: ["x.keys", "--frobnicate"], output: { _ in }) == 2)
    }
}
