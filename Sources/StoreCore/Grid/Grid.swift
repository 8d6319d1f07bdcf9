/// One screen cell. A wide character occupies its cell and marks the next one
/// as its continuation, which backends skip when drawing.
public struct Cell: Hashable, Sendable {
    public var text: Character
    public var role: Role
    public var isContinuation: Bool
    public init(_ text: Character = " ", role: Role = .normal, isContinuation: Bool = false) {
        self.text = text; self.role = role; self.isContinuation = isContinuation
    }
}

/// A rectangle of cells that the view draws into and backends copy to a screen.
public struct Grid: Hashable, Sendable {
    public private(set) var size: Size
    public private(set) var cells: [Cell]
    /// Where the terminal cursor should sit (a focused text field), if anywhere.
    public var cursor: (column: Int, row: Int)? {
        get { cursorStorage.map { ($0.column, $0.row) } }
        set { cursorStorage = newValue.map { CursorPosition(column: $0.column, row: $0.row) } }
    }
    private var cursorStorage: CursorPosition?

    private struct CursorPosition: Hashable, Sendable { var column: Int; var row: Int }

    public init(size: Size, fill: Cell = Cell()) {
        self.size = size
        self.cells = Array(repeating: fill, count: max(0, size.columns) * max(0, size.rows))
    }

    public subscript(column: Int, row: Int) -> Cell {
        get { cells[row * size.columns + column] }
        set { cells[row * size.columns + column] = newValue }
    }

    public func contains(column: Int, row: Int) -> Bool {
        column >= 0 && row >= 0 && column < size.columns && row < size.rows
    }

    /// Writes text from (column, row), clipped at `limit` columns (default: the
    /// right edge). A wide character that would not fit is replaced by a space.
    /// Returns the column after the last cell written.
    @discardableResult
    public mutating func write(_ text: String, column: Int, row: Int, role: Role = .normal, limit: Int? = nil) -> Int {
        guard row >= 0, row < size.rows else { return column }
        let end = min(size.columns, limit.map { column + $0 } ?? size.columns)
        var x = column
        for character in text {
            let width = DisplayWidth.of(character)
            if width == 0 { continue }
            if x + width > end {
                if x < end && x >= 0 { self[x, row] = Cell(" ", role: role) }
                break
            }
            if x >= 0 {
                self[x, row] = Cell(character, role: role)
                if width == 2 { self[x + 1, row] = Cell(" ", role: role, isContinuation: true) }
            }
            x += width
        }
        return x
    }

    /// Paints a role over a span of cells without changing their text.
    public mutating func paint(_ role: Role, columns: Range<Int>, row: Int) {
        guard row >= 0, row < size.rows else { return }
        for x in max(0, columns.lowerBound)..<min(size.columns, columns.upperBound) {
            self[x, row].role = role
        }
    }

    /// Fills a rectangle with one character and role.
    public mutating func fill(_ character: Character = " ", role: Role = .normal,
                              columns: Range<Int>, rows: Range<Int>) {
        for y in max(0, rows.lowerBound)..<min(size.rows, rows.upperBound) {
            for x in max(0, columns.lowerBound)..<min(size.columns, columns.upperBound) {
                self[x, y] = Cell(character, role: role)
            }
        }
    }

    /// The text of one row, continuation cells left out, trailing spaces trimmed.
    public func line(_ row: Int) -> String {
        var text = ""
        for x in 0..<size.columns where !self[x, row].isContinuation {
            text.append(self[x, row].text)
        }
        while text.last == " " { text.removeLast() }
        return text
    }

    /// The whole screen as text, one line per row.
    public var text: String {
        (0..<size.rows).map(line).joined(separator: "\n")
    }

    public static func == (lhs: Grid, rhs: Grid) -> Bool {
        lhs.size == rhs.size && lhs.cells == rhs.cells && lhs.cursorStorage == rhs.cursorStorage
    }
    public func hash(into hasher: inout Hasher) { hasher.combine(size); hasher.combine(cells) }
}
