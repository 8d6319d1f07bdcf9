import Foundation
import StorefrontApp
import Testing
import TestSupport

/// `--frame-stats FILE`: what the benchmark reads frame timings from.
@Suite struct FrameStatisticsTests {
    @Test func writesALinePerFrameWithWhatItFollowed() throws {
        let store = try TestStore()
        defer { store.stop() }
        let folder = try ScratchFolder()
        let script = try folder.write("frames.keys", """
            size 80x24
            wait "Featured"
            press s
            wait "page 1 of"
            press Down
            press /
            type "dune"
            press Enter
            wait /page 1 of 1/
            """)
        let statistics = folder.url.appendingPathComponent("frames.tsv").path
        #expect(StorefrontMain.run(arguments: ["--script", script, "--api", store.baseURL, "--frame-stats", statistics]) == 0)

        let lines = try String(contentsOfFile: statistics, encoding: .utf8).split(separator: "\n").map(String.init)
        #expect(lines.first == "frame\tview_us\tdiff_us\tbytes_written\tchanged_cells\tchanged_runs\tminimum_bytes\tafter"
                + "\tview_cpu_us\tdiff_cpu_us")
        let frames = lines.dropFirst().map { $0.split(separator: "\t").map(String.init) }
        #expect(frames.allSatisfy { frame in frame.count == 10 && [1, 2, 8, 9].allSatisfy { Double(frame[$0]) != nil } })
        // The first frame draws every cell of the 80x24 screen.
        #expect(frames.first?[4] == "1920")
        let down = try #require(frames.first { $0[7] == "Down" })
        #expect(Int(down[4]) ?? 0 > 0)
        #expect(frames.contains { $0[7] == "Enter" })
        // Typed text is labelled, never written: it may be a card number or a password.
        #expect(frames.contains { $0[7] == "character" })
        #expect(!lines.contains { $0.contains("dune") || $0.contains("\tu\t") })
    }

    @Test func anUnwritableFileIsAUsageProblem() throws {
        let folder = try ScratchFolder()
        let script = try folder.write("quit.keys", "size 80x24\npress q\n")
        let nowhere = folder.url.appendingPathComponent("missing/frames.tsv").path
        #expect(StorefrontMain.run(arguments: ["--script", script, "--api", "http://127.0.0.1:9", "--frame-stats", nowhere]) == 2)
    }
}
