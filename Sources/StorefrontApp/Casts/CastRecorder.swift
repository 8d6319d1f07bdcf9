import Foundation
import StoreCore
import StoreTerminal

/// Writes what the screen showed as an asciicast v2 file
/// (https://docs.asciinema.org/manual/asciicast/v2/): a JSON header line, then
/// one `[seconds, "o", text]` event per frame drawn and `[seconds, "r", "WxH"]`
/// per resize, with real timing and the theme's colours, so `asciinema play`
/// and the web player show the run as it happened. Events are appended as they
/// happen, so a run that dies still leaves a playable cast of what came before.
///
/// Card and password fields are redacted as in snapshots (their cells show •),
/// and any card number drawn elsewhere is masked by `CardNumberGuard`.
public final class CastRecorder {
    let path: String
    private let theme: Theme
    private let title: String
    private let handle: FileHandle
    private let started: Date
    private var previous: Grid?
    private var headerWritten = false

    /// Creates (or empties) the file; the header follows with the first frame, whose size it gives.
    public init(path: String, theme: Theme, title: String, now: Date = Date()) throws {
        self.path = path
        self.theme = theme
        self.title = title
        started = now
        try FailureScreens.makeDirectory(of: path)
        guard FileManager.default.createFile(atPath: path, contents: nil) else {
            throw CocoaError(.fileWriteNoPermission, userInfo: [NSFilePathErrorKey: path])
        }
        handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
    }

    deinit { try? handle.close() }

    /// Records a frame: the rows that changed since the last one.
    func frame(_ grid: Grid, at time: Date = Date()) {
        if !headerWritten {
            headerWritten = true
            let header: [String: Any] = [
                "version": 2, "width": grid.size.columns, "height": grid.size.rows,
                "timestamp": Int(started.timeIntervalSince1970), "title": title,
                "env": ["TERM": "xterm-256color", "SHELL": "/bin/sh"],
            ]
            if let data = try? JSONSerialization.data(withJSONObject: header, options: [.sortedKeys]) { try? append(data) }
        }
        let text: String
        if let previous {
            let sameCursor = previous.cursor?.column == grid.cursor?.column && previous.cursor?.row == grid.cursor?.row
            guard previous != grid || !sameCursor else { return }
            text = ANSIFrame.changes(from: previous, to: grid, theme: theme) { Self.redactedRow($0, of: grid) }
        } else {
            text = ANSIFrame.full(grid, theme: theme) { Self.redactedRow($0, of: grid) }
        }
        previous = grid
        event(time, "o", text)
    }

    /// Records a resize; the next frame is drawn whole.
    func resize(_ size: Size, at time: Date = Date()) {
        guard headerWritten else { return }
        previous = nil
        event(time, "r", size.description)
    }

    /// One character per cell: card and password cells as •, then card numbers anywhere masked.
    static func redactedRow(_ row: Int, of grid: Grid) -> [Character] {
        var characters: [Character] = []
        for column in 0..<grid.size.columns where !grid[column, row].isContinuation {
            let cell = grid[column, row]
            characters.append((cell.isSecret || cell.isPassword) && cell.text != " " ? "•" : cell.text)
        }
        let masked = Array(CardNumberGuard.redact(String(characters)))
        return masked.count == characters.count ? masked : characters.map { $0.isASCIIDigit ? "•" : $0 }
    }

    private func event(_ time: Date, _ kind: String, _ data: String) {
        let seconds = (max(0, time.timeIntervalSince(started)) * 1_000_000).rounded() / 1_000_000
        guard let line = try? JSONSerialization.data(withJSONObject: [seconds, kind, data]) else { return }
        try? append(line)
    }

    private func append(_ line: Data) throws {
        try handle.write(contentsOf: line + Data("\n".utf8))
    }
}

/// A terminal backend that also records a cast of everything it shows.
final class CastingTerminal: TerminalBackend {
    let inner: TerminalBackend
    let recorder: CastRecorder

    init(_ inner: TerminalBackend, recorder: CastRecorder) {
        self.inner = inner
        self.recorder = recorder
    }

    var size: Size { inner.size }
    var wantsFramePerKey: Bool { inner.wantsFramePerKey }

    func render(_ grid: Grid) {
        inner.render(grid)
        recorder.frame(grid)
    }

    func readEvent(timeoutMilliseconds: Int) -> InputEvent? {
        let event = inner.readEvent(timeoutMilliseconds: timeoutMilliseconds)
        if case .resize(let size)? = event { recorder.resize(size) }
        return event
    }

    func shutdown() { inner.shutdown() }
    func wake() { inner.wake() }
}
