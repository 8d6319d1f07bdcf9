/// A rectangle of the screen that a widget draws into.
public struct Rect: Hashable, Sendable {
    public var x: Int
    public var y: Int
    public var width: Int
    public var height: Int
    public init(x: Int, y: Int, width: Int, height: Int) {
        self.x = x; self.y = y; self.width = max(0, width); self.height = max(0, height)
    }

    public var maxX: Int { x + width }
    public var maxY: Int { y + height }

    public func inset(_ amount: Int) -> Rect {
        Rect(x: x + amount, y: y + amount, width: width - 2 * amount, height: height - 2 * amount)
    }
    public func inset(horizontal: Int) -> Rect {
        Rect(x: x + horizontal, y: y, width: width - 2 * horizontal, height: height)
    }

    /// Splits off the top `rows` rows.
    public func top(_ rows: Int) -> (Rect, Rect) {
        let used = min(rows, height)
        return (Rect(x: x, y: y, width: width, height: used),
                Rect(x: x, y: y + used, width: width, height: height - used))
    }

    /// Splits into a left part of `columns` columns and the rest.
    public func left(_ columns: Int) -> (Rect, Rect) {
        let used = min(columns, width)
        return (Rect(x: x, y: y, width: used, height: height),
                Rect(x: x + used, y: y, width: width - used, height: height))
    }

    /// The one-row rectangle at `row` (relative), or nil when outside.
    public func row(_ row: Int) -> Int? { row >= 0 && row < height ? y + row : nil }
}
