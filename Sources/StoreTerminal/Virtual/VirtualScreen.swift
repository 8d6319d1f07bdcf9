import Foundation
import StoreCore

/// An in-memory terminal: the view draws into it like into ncurses, and
/// keystroke scripts feed it input and read its last grid as text.
/// Thread-safe, because a script may queue input while the UI loop reads it.
public final class VirtualScreen: TerminalBackend, @unchecked Sendable {
    private let lock = NSCondition()
    private var currentSize: Size
    private var lastGrid: Grid
    private var pending: [InputEvent] = []
    private var renderCount = 0
    /// Set by `wake()` until the next `readEvent`, so a wake that comes just
    /// before the loop starts waiting is not lost.
    private var woken = false

    public init(size: Size = Size(columns: 80, rows: 24)) {
        currentSize = size
        lastGrid = Grid(size: size)
    }

    public var size: Size {
        lock.lock(); defer { lock.unlock() }
        return currentSize
    }

    /// The grid last rendered.
    public var grid: Grid {
        lock.lock(); defer { lock.unlock() }
        return lastGrid
    }

    /// The screen as text, one line per row, trailing spaces trimmed.
    public var text: String { grid.text }

    /// How many frames have been rendered; lets a runner wait for a fresh one.
    public var renders: Int {
        lock.lock(); defer { lock.unlock() }
        return renderCount
    }

    /// Input not yet read by the UI loop.
    public var pendingCount: Int {
        lock.lock(); defer { lock.unlock() }
        return pending.count
    }

    public func render(_ grid: Grid) {
        lock.lock()
        lastGrid = grid
        renderCount += 1
        lock.unlock()
    }

    /// Queues input for the UI loop. A resize changes the size as the loop reads it,
    /// as a real terminal's does when its window changes.
    public func feed(_ event: InputEvent) {
        lock.lock()
        pending.append(event)
        lock.broadcast()
        lock.unlock()
    }

    public func readEvent(timeoutMilliseconds: Int) -> InputEvent? {
        lock.lock(); defer { lock.unlock() }
        if pending.isEmpty && !woken && timeoutMilliseconds > 0 {
            _ = lock.wait(until: Date().addingTimeInterval(Double(timeoutMilliseconds) / 1000))
        }
        woken = false
        guard !pending.isEmpty else { return nil }
        let event = pending.removeFirst()
        if case .resize(let newSize) = event { currentSize = newSize }
        return event
    }

    public func wake() {
        lock.lock()
        woken = true
        lock.broadcast()
        lock.unlock()
    }

    /// Changes the size before anything is drawn (a script's `size` line).
    public func setSize(_ size: Size) {
        lock.lock()
        currentSize = size
        lastGrid = Grid(size: size)
        lock.unlock()
    }

    public func shutdown() {}
}
