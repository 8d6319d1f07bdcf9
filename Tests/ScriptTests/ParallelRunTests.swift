import Foundation
import Testing
@testable import StorefrontApp

/// `storefront test --jobs N`: scripts run at once, each on its own shop, and
/// the run reports what a serial run reports, in the same order.
@Suite struct ParallelRunTests {
    /// The PASS/FAIL lines without their times, which differ from run to run.
    private func verdicts(_ lines: [String]) -> [String] {
        lines.filter { $0.hasPrefix("PASS ") || $0.hasPrefix("FAIL ") || $0.hasPrefix("FLAKY ") }
            .map { $0.replacingOccurrences(of: #" \(\d+(\.\d)? m?s\)$"#, with: "", options: .regularExpression) }
    }

    @Test func aParallelRunReportsWhatASerialRunReportsInFileOrder() throws {
        let folder = try ScratchFolder()
        // Each script adds to its own cart: a shop shared between them would show more items.
        for name in ["a", "b", "d", "e"] {
            try folder.write("scripts/\(name)-adds.keys", """
                size 120x32
                wait "Featured"
                press s
                wait "A Brief History of Time"
                press a
                wait "Cart: 1 item"
                sleep 300ms
                expect "Cart: 1 item"
                """)
        }
        try folder.write("scripts/c-fails.keys", "size 80x24\nwait \"Featured\"\nexpect \"Unicorns\"\n")
        let scripts = folder.url.appendingPathComponent("scripts").path
        var serial: [String] = [], parallel: [String] = []
        let serialStatus = TestCommand.run(arguments: [scripts, "--jobs", "1"], output: { serial.append($0) })
        let parallelStatus = TestCommand.run(arguments: [scripts, "--jobs", "3",
                                                         "--junit", folder.url.appendingPathComponent("out/junit.xml").path],
                                             output: { parallel.append($0) })
        #expect(serialStatus == 1 && parallelStatus == 1, "a failing script fails the run")
        #expect(verdicts(parallel) == verdicts(serial), "\(parallel)\n\(serial)")
        #expect(verdicts(parallel).map { String($0.prefix(4)) } == ["PASS", "PASS", "FAIL", "PASS", "PASS"], "\(parallel)")
        #expect(parallel.last == "4 passed, 0 flaky, 1 failed")
        // The failure's screen and saved file follow its own FAIL line.
        let fail = try #require(parallel.firstIndex { $0.hasPrefix("FAIL ") })
        #expect(parallel[fail + 1].contains("screen (80x24):"), "\(parallel)")
        #expect(folder.read("out/c-fails.failure.txt")?.contains("Unicorns") == true)
    }

    @Test func jobsAndRetriesAreCheckedNumbers() throws {
        #expect(try TestOptions.parse(["x.keys"]).jobs == ProcessInfo.processInfo.activeProcessorCount)
        #expect(try TestOptions.parse(["x.keys", "--jobs", "4", "--retries=2"]).jobs == 4)
        #expect(try TestOptions.parse(["x.keys", "--retries=2"]).retries == 2)
        for bad in [["--jobs", "0"], ["--jobs", "many"], ["--retries", "-1"], ["--retries", "99"], ["--snapshot-format", "png"]] {
            #expect(throws: UsageError.self) { try TestOptions.parse(["x.keys"] + bad) }
        }
        #expect(try TestOptions.parse(["x.keys", "--snapshot-format", "svg"]).pictureFormat == .svg)
    }
}
