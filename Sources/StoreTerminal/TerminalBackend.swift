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
}
