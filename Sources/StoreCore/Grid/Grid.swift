/// One screen cell. A wide character occupies its cell and marks the next one
/// as its continuation, which backends skip when drawing. A secret cell shows
/// card data (a card field's box): the terminal draws it, but every text of the
/// screen written anywhere else shows "•" in its place, whatever it holds. A
/// password cell is a password field's box: redacted alike, and keys typed into
/// it are never recorded. A plain value of 8 bytes (see `Glyph`).
public struct Cell: Hashable, Sendable {
    public var glyph: Glyph
    public var role: Role
    public var isContinuation: Bool
    public var isSecret: Bool
    public var isPassword: Bool

    public var text: Character {
        get { glyph.character }
        set { glyph = Glyph(newValue) }
    }

    public init(_ text: Character = " ", role: Role = .normal, isContinuation: Bool = false, isSecret: Bool = false,
                isPassword: Bool = false) {
        self.init(glyph: Glyph(text), role: role, isContinuation: isContinuation, isSecret: isSecret, isPassword: isPassword)
    }

    @inlinable
    public init(glyph: Glyph, role: Role = .normal, isContinuation: Bool = false, isSecret: Bool = false,
                isPassword: Bool = false) {
        self.glyph = glyph; self.role = role; self.isContinuation = isContinuation; self.isSecret = isSecret
        self.isPassword = isPassword
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
        // Inlined where backends read every cell of every frame.
        @inlinable get { cells[row * size.columns + column] }
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
        if DisplayWidth.isASCII(text) { return writeASCII(text, column: column, row: row, role: role, end: end) }
        var x = column
        for character in text {
            let width = DisplayWidth.of(character)
            if width == 0 { continue }
            if x + width > end {
                if x < end && x >= 0 { self[x, row] = Cell(glyph: .space, role: role) }
                break
            }
            if x >= 0 {
                self[x, row] = Cell(glyph: Glyph(character), role: role)
                if width == 2 { self[x + 1, row] = Cell(glyph: .space, role: role, isContinuation: true) }
            }
            x += width
        }
        return x
    }

    /// `write` for text that is all ASCII, the most of what a screen shows: byte by
    /// byte, without splitting grapheme clusters.
    private mutating func writeASCII(_ text: String, column: Int, row: Int, role: Role, end: Int) -> Int {
        var x = column
        for byte in text.utf8 where DisplayWidth.of(ascii: byte) == 1 {
            if x >= end { break }
            if x >= 0 { cells[row * size.columns + x] = Cell(glyph: Glyph(ascii: byte), role: role) }
            x += 1
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

    /// Marks a span of cells as card data (see `Cell.isSecret`). Drawing over a
    /// cell afterwards clears the mark, so a view marks after it has drawn.
    public mutating func markSecret(columns: Range<Int>, row: Int) {
        guard row >= 0, row < size.rows else { return }
        for x in max(0, columns.lowerBound)..<min(size.columns, max(0, columns.upperBound)) {
            self[x, row].isSecret = true
        }
    }

    /// Marks a span of cells as a password field's box (see `Cell.isPassword`);
    /// like `markSecret`, after drawing.
    public mutating func markPassword(columns: Range<Int>, row: Int) {
        guard row >= 0, row < size.rows else { return }
        for x in max(0, columns.lowerBound)..<min(size.columns, max(0, columns.upperBound)) {
            self[x, row].isPassword = true
        }
    }

    /// Fills a rectangle with one character and role.
    public mutating func fill(_ character: Character = " ", role: Role = .normal,
                              columns: Range<Int>, rows: Range<Int>) {
        let left = max(0, columns.lowerBound), right = min(size.columns, columns.upperBound)
        let top = max(0, rows.lowerBound), bottom = min(size.rows, rows.upperBound)
        guard left < right, top < bottom else { return }
        let cell = Cell(character, role: role)
        for y in top..<bottom {
            for x in left..<right { self[x, y] = cell }
        }
    }

    /// The text of one row, continuation cells left out, trailing spaces trimmed.
    /// `redacted`: what a secret or password cell holds shows as "•" (blanks stay blank).
    public func line(_ row: Int, redacted: Bool = false) -> String {
        var text = ""
        for x in 0..<size.columns where !self[x, row].isContinuation {
            let cell = self[x, row]
            if redacted && (cell.isSecret || cell.isPassword) && cell.glyph != .space {
                text.append("•")
            } else if let scalar = cell.glyph.scalar {
                text.unicodeScalars.append(scalar)
            } else {
                text.append(cell.text)
            }
        }
        while text.last == " " { text.removeLast() }
        return text
    }

    /// The whole screen as text, one line per row: what the person at the
    /// terminal sees, for matching what a script waits for.
    public var text: String {
        (0..<size.rows).map { line($0) }.joined(separator: "\n")
    }

    /// The screen as text for anything that leaves the app (snapshots, failure
    /// screens, reports, recordings): card and password field cells redacted, whatever they hold.
    public var redactedText: String {
        (0..<size.rows).map { line($0, redacted: true) }.joined(separator: "\n")
    }

    /// Whether any cell shows card data.
    public var hasSecretCells: Bool { cells.contains { $0.isSecret } }

    /// Whether the cursor sits in a card field.
    public var cursorIsOnSecret: Bool {
        guard let cursor, contains(column: cursor.column, row: cursor.row) else { return false }
        return self[cursor.column, cursor.row].isSecret
    }

    /// Whether the cursor sits in a password field.
    public var cursorIsOnPassword: Bool {
        guard let cursor, contains(column: cursor.column, row: cursor.row) else { return false }
        return self[cursor.column, cursor.row].isPassword
    }

    public static func == (lhs: Grid, rhs: Grid) -> Bool {
        lhs.size == rhs.size && lhs.cells == rhs.cells && lhs.cursorStorage == rhs.cursorStorage
    }
    public func hash(into hasher: inout Hasher) { hasher.combine(size); hasher.combine(cells) }
}
