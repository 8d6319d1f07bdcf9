import StoreCore

/// A grid as the bytes a terminal would be sent to show it: cursor moves and
/// SGR colours from the theme (256-colour palette indexes as themes name them).
/// Used for casts, which replay what the screen looked like in any terminal
/// player. Each row is written whole; `rowText` lets the caller put redacted
/// text in the row's cells, one character per cell.
public enum ANSIFrame {
    /// The whole screen: clear, then every row at its place.
    public static func full(_ grid: Grid, theme: Theme, rowText: (Int) -> [Character]) -> String {
        var out = "\u{1B}[0m\u{1B}[H\u{1B}[2J"
        for row in 0..<grid.size.rows {
            out += self.row(row, of: grid, theme: theme, text: rowText(row))
        }
        out += cursor(grid)
        return out
    }

    /// Only the rows that differ from `previous` (same size), then the cursor.
    public static func changes(from previous: Grid, to grid: Grid, theme: Theme, rowText: (Int) -> [Character]) -> String {
        guard previous.size == grid.size else { return full(grid, theme: theme, rowText: rowText) }
        var out = ""
        for row in 0..<grid.size.rows where !sameRow(row, previous, grid) {
            out += self.row(row, of: grid, theme: theme, text: rowText(row))
        }
        return out + cursor(grid)
    }

    private static func sameRow(_ row: Int, _ a: Grid, _ b: Grid) -> Bool {
        (0..<a.size.columns).allSatisfy { a[$0, row] == b[$0, row] }
    }

    /// One row: `text` holds one character per cell that is not a continuation.
    private static func row(_ row: Int, of grid: Grid, theme: Theme, text: [Character]) -> String {
        var out = "\u{1B}[\(row + 1);1H"
        var current: Role?
        var index = 0
        for column in 0..<grid.size.columns {
            let cell = grid[column, row]
            if cell.isContinuation { continue }
            if cell.role != current {
                out += sgr(theme[cell.role])
                current = cell.role
            }
            out.append(index < text.count ? text[index] : cell.text)
            index += 1
        }
        return out + "\u{1B}[0m"
    }

    private static func cursor(_ grid: Grid) -> String {
        guard let cursor = grid.cursor else { return "\u{1B}[?25l" }
        return "\u{1B}[\(cursor.row + 1);\(cursor.column + 1)H\u{1B}[?25h"
    }

    /// The SGR sequence that sets exactly this style.
    static func sgr(_ style: RoleStyle) -> String {
        var codes = ["0"]
        if style.attributes.contains(.bold) { codes.append("1") }
        if style.attributes.contains(.dim) { codes.append("2") }
        if style.attributes.contains(.italic) { codes.append("3") }
        if style.attributes.contains(.underline) { codes.append("4") }
        if style.attributes.contains(.reverse) { codes.append("7") }
        let foreground = style.foreground.paletteIndex
        if foreground >= 0 { codes.append("38;5;\(foreground)") }
        let background = style.background.paletteIndex
        if background >= 0 { codes.append("48;5;\(background)") }
        return "\u{1B}[" + codes.joined(separator: ";") + "m"
    }
}
