import StoreCore

/// A screen the UI loop draws grids on and reads input from: ncurses on a real
/// terminal, or the virtual screen for keystroke scripts.
public protocol TerminalBackend: AnyObject {
    var size: Size { get }
    /// Shows the grid; backends redraw only what changed.
    func render(_ grid: Grid)
    /// The next key or resize, waiting at most `timeoutMilliseconds` (0: do not wait).
    func readEvent(timeoutMilliseconds: Int) -> InputEvent?
    /// Restores the terminal. Safe to call more than once.
    func shutdown()
    /// True when the backend must see the frame after every key, not only after
    /// each burst of input: a recorder tells by it which screen and field each
    /// key went into, even when keys come faster than frames.
    var wantsFramePerKey: Bool { get }
    /// Ends a `readEvent` wait early because something other than input needs
    /// the loop (an answer from the store). May be called from any thread.
    func wake()
}

extension TerminalBackend {
    public var wantsFramePerKey: Bool { false }
    /// Backends polled at a short interval need no waking.
    public func wake() {}
}
