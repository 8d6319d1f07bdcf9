import Foundation
import Testing

/// `storefront test` as a user runs it: the built binary, each script in a
/// child process of its own.
@Suite struct IsolatedRunTests {
    @Test(.enabled(if: TerminalPlayTests.binary != nil, "needs the built storefront binary"))
    func theBinaryRunsEachScriptInItsOwnProcess() throws {
        let folder = try ScratchFolder()
        try folder.write("scripts/pass.keys", "size 80x24\nwait \"Featured\"\n")
        try folder.write("scripts/fail.keys", "size 80x24\nwait \"Featured\"\nexpect \"Unicorns\"\n")
        try folder.write("scripts/more.keys", "size 80x24\nwait \"Featured\"\nexpect-style \"Featured\" heading\n")
        let report = folder.url.appendingPathComponent("out/junit.xml").path
        let result = Shell.run("\(TerminalPlayTests.shellQuoted(TerminalPlayTests.binary!)) test "
            + "\(TerminalPlayTests.shellQuoted(folder.url.appendingPathComponent("scripts").path)) "
            + "--junit \(TerminalPlayTests.shellQuoted(report)) --jobs 2 --snapshot-format svg")
        #expect(result.status == 1, "\(result.output)")
        #expect(result.output.contains("PASS \(folder.path)/scripts/pass.keys"), "\(result.output)")
        #expect(result.output.contains("FAIL \(folder.path)/scripts/fail.keys:3: expect \"Unicorns\""), "\(result.output)")
        #expect(result.output.hasSuffix("2 passed, 0 flaky, 1 failed\n"), "\(result.output)")
        // In file order, whichever finished first.
        let verdicts = result.output.split(separator: "\n").filter { $0.hasPrefix("PASS") || $0.hasPrefix("FAIL") }
        #expect(verdicts.map { $0.contains("/fail.keys") ? "fail" : $0.contains("/more.keys") ? "more" : "pass" } == ["fail", "more", "pass"])
        // The child process hands the cells' roles back: the failure is drawn in colour.
        #expect(folder.read("out/fail.failure.svg")?.contains("class=\"r-heading\"") == true)
        #expect(folder.read("out/fail.failure.txt")?.contains("Featured") == true)
        #expect(folder.read("out/junit.xml")?.contains("failures=\"1\"") == true)
    }
}
