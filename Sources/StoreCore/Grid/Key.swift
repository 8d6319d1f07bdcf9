/// A key as the UI sees it, whatever backend produced it.
public enum Key: Hashable, Sendable {
    case character(Character)
    case enter, escape, tab, backTab
    case up, down, left, right
    case pageUp, pageDown, home, end
    case backspace, delete
    case function(Int)
    /// Ctrl plus a lower-case letter, e.g. `.control("c")`.
    case control(Character)
}

/// Input from a terminal: a key or a new size.
public enum InputEvent: Hashable, Sendable {
    case key(Key)
    case resize(Size)
}

public struct Size: Hashable, Sendable, CustomStringConvertible {
    public var columns: Int
    public var rows: Int
    public init(columns: Int, rows: Int) { self.columns = columns; self.rows = rows }
    public var description: String { "\(columns)x\(rows)" }
}
