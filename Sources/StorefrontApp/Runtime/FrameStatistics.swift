import Foundation
import StoreCore
import StoreTerminal

/// `--frame-stats FILE`: one tab-separated line per frame drawn, for the
/// benchmark to read percentiles from: how long the view took to lay the
/// frame out into a grid, how long the backend took to diff it and write it
/// out, the bytes the process wrote meanwhile (on a terminal: what the
/// terminal was sent), what changed against the previous frame and the
/// fewest bytes that change needs (`FrameChanges`), and what the frame
/// followed: a named key, "character" for any typed character (card digits
/// and passwords never reach the file), or "-" for an answer or the clock;
/// then the view's and the diff's CPU time on the UI thread, which leaves out
/// the time other processes held the core (wall time on a busy machine).
final class FrameStatistics {
    static let header = "frame\tview_us\tdiff_us\tbytes_written\tchanged_cells\tchanged_runs\tminimum_bytes\tafter"
        + "\tview_cpu_us\tdiff_cpu_us"

    private let file: UnsafeMutablePointer<FILE>
    private let theme: Theme
    private var previous: Grid?
    private var frames = 0

    /// `theme`: the one the frames are drawn in, for the SGR sequences of the minimum.
    init(path: String, theme: Theme) throws {
        guard let file = fopen(path, "w") else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
        self.file = file
        self.theme = theme
        fputs(Self.header + "\n", file)
    }

    deinit { fclose(file) }

    /// Lays out a frame with `view` and draws it with `render`, timing the two apart.
    func measure(view: () -> Grid, render: (Grid) -> Void, after input: Key?) {
        let started = Self.nanoseconds(), startedCPU = Self.threadCPUNanoseconds()
        let grid = view()
        let laidOut = Self.nanoseconds(), laidOutCPU = Self.threadCPUNanoseconds()
        let writtenBefore = Self.bytesWritten()
        let diffStarted = Self.nanoseconds(), diffStartedCPU = Self.threadCPUNanoseconds()
        render(grid)
        let drawn = Self.nanoseconds(), drawnCPU = Self.threadCPUNanoseconds()
        let written = Self.bytesWritten() - writtenBefore
        let changes = FrameChanges(from: previous, to: grid, theme: theme)
        previous = grid
        frames += 1
        let line = [String(frames), Self.micro(laidOut - started), Self.micro(drawn - diffStarted), String(written),
                    String(changes.cells), String(changes.runs), String(changes.minimumBytes), Self.label(input),
                    Self.micro(laidOutCPU &- startedCPU), Self.micro(drawnCPU &- diffStartedCPU)]
        fputs(line.joined(separator: "\t") + "\n", file)
        fflush(file)
    }

    private static func label(_ key: Key?) -> String {
        switch key {
        case nil: return "-"
        case .character?: return "character"
        case let key?: return KeyName.name(key)
        }
    }

    private static func micro(_ nanoseconds: UInt64) -> String {
        String(format: "%.1f", Double(nanoseconds) / 1000)
    }

    private static func nanoseconds() -> UInt64 { DispatchTime.now().uptimeNanoseconds }

    /// CPU time the calling thread has used.
    private static func threadCPUNanoseconds() -> UInt64 {
        var time = timespec()
        guard clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time) == 0 else { return 0 }
        return UInt64(time.tv_sec) * 1_000_000_000 + UInt64(time.tv_nsec)
    }

    /// Bytes this process has passed to write(2) so far (`wchar` of /proc/self/io);
    /// the HTTP client sends with send(2), which it does not count.
    private static func bytesWritten() -> Int {
        guard let io = fopen("/proc/self/io", "r") else { return 0 }
        defer { fclose(io) }
        var line = [CChar](repeating: 0, count: 128)
        while fgets(&line, Int32(line.count), io) != nil {
            let text = String(cString: line)
            if text.hasPrefix("wchar:") { return Int(text.dropFirst(6).trimmingCharacters(in: .whitespacesAndNewlines)) ?? 0 }
        }
        return 0
    }
}
