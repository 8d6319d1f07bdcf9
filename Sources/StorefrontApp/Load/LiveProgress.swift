import Foundation

/// What a run says while it goes, on standard error: on a terminal one line
/// rewritten twice a second; otherwise a plain line every ten seconds, so a
/// log or CI output shows the run advancing without filling up.
final class LiveProgress: @unchecked Sendable {
    private let recorder: LoadRecorder
    private let shoppers: Int
    private let began = DispatchTime.now()
    private let onTerminal: Bool
    private let timer: DispatchSourceTimer
    private var lastRequests = 0
    private var lastTime = DispatchTime.now()

    init(recorder: LoadRecorder, shoppers: Int, onTerminal: Bool = isatty(STDERR_FILENO) == 1) {
        self.recorder = recorder
        self.shoppers = shoppers
        self.onTerminal = onTerminal
        timer = DispatchSource.makeTimerSource(queue: DispatchQueue(label: "storefront.load.progress"))
        let interval: DispatchTimeInterval = onTerminal ? .milliseconds(500) : .seconds(10)
        timer.schedule(deadline: .now() + interval, repeating: interval)
        timer.setEventHandler { [weak self] in self?.show() }
        timer.resume()
    }

    /// Stops and clears the live line.
    func stop() {
        timer.cancel()
        if onTerminal { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
    }

    private func show() {
        let counts = recorder.current
        let now = DispatchTime.now()
        let interval = Double(now.uptimeNanoseconds - lastTime.uptimeNanoseconds) / 1e9
        let rate = interval > 0 ? Double(counts.requests - lastRequests) / interval : 0
        lastRequests = counts.requests
        lastTime = now
        let elapsed = Int(Double(now.uptimeNanoseconds - began.uptimeNanoseconds) / 1e9)
        let line = "\(elapsed)s · shoppers \(counts.shoppersActive)/\(shoppers) · iterations \(counts.iterations)"
            + " · failed \(counts.failedIterations) · checkouts \(counts.checkouts) · \(String(format: "%.0f", rate)) requests/s"
        FileHandle.standardError.write(Data((onTerminal ? "\r\u{1B}[K" + line : line + "\n").utf8))
    }
}
