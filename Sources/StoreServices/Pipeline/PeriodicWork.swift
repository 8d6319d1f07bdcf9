import Foundation

/// Runs one piece of housekeeping on its own thread every `interval` until
/// stopped (expiring unpaid orders, settling open card authorisations).
/// Errors are left for the next round: each piece is idempotent.
public final class PeriodicWork: @unchecked Sendable {
    let name: String
    let interval: TimeInterval
    let work: () -> Void
    private let condition = NSCondition()
    private var running = false
    private var finished = true

    public init(name: String, interval: TimeInterval, work: @escaping () -> Void) {
        self.name = name
        self.interval = interval
        self.work = work
    }

    public func start() {
        condition.lock(); defer { condition.unlock() }
        guard !running else { return }
        running = true
        finished = false
        let thread = Thread { [self] in loop() }
        thread.name = name
        thread.start()
    }

    /// Stops the thread, waiting for a round in progress.
    public func stop() {
        condition.lock()
        running = false
        condition.broadcast()
        while !finished { condition.wait() }
        condition.unlock()
    }

    private func loop() {
        while true {
            condition.lock()
            if running { _ = condition.wait(until: Date().addingTimeInterval(interval)) }
            guard running else { finished = true; condition.broadcast(); condition.unlock(); return }
            condition.unlock()
            work()
        }
    }
}
