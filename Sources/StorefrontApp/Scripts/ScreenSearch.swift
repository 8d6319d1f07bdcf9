import Foundation
import StoreCore

/// Finds what a script looks for on the virtual screen, and which cells it
/// covers: on the whole screen, or inside the box whose title a pattern names
/// (`expect "Visa" in "Card details"`). The text searched is what the person
/// at the terminal sees, one line per row, trailing blanks left out.
enum ScreenSearch {
    enum Outcome {
        /// The cells of the first match, in reading order.
        case found([Cell])
        case notFound
        /// No box on screen has this title.
        case noBox(String)

        var isFound: Bool { if case .found = self { return true }; return false }
    }

    struct Cell: Hashable { var column: Int; var row: Int }

    static func find(_ pattern: TextPattern, in grid: Grid) -> Outcome {
        switch pattern {
        case .inBox(let inner, let title):
            guard let box = box(titled: title, in: grid) else { return .noBox(title) }
            return first(inner, in: grid, area: box.inside)
        case .text, .regex:
            return first(pattern, in: grid, area: Rect(x: 0, y: 0, width: grid.size.columns, height: grid.size.rows))
        }
    }

    /// The box titled exactly `title`, else the first whose title starts with it
    /// (a product's name, an order's number after "Order").
    static func box(titled title: String, in grid: Grid) -> FramedBox? {
        let boxes = Frame.boxes(in: grid)
        return boxes.first { $0.title == title } ?? boxes.first { $0.title.hasPrefix(title) }
    }

    private static func first(_ pattern: TextPattern, in grid: Grid, area: Rect) -> Outcome {
        var text = ""
        text.reserveCapacity(area.width * area.height)
        walk(grid, area) { character, _, _ in text.append(character) }
        let found: NSRange?
        switch pattern {
        case .text(let literal):
            found = LiteralSearch.firstRange(of: literal, in: text[...]).map { NSRange($0, in: text) }
        case .regex(let regex, _):
            found = regex.firstMatch(in: text, range: NSRange(text.startIndex..., in: text))?.range
        case .inBox(let inner, _):
            return first(inner, in: grid, area: area)
        }
        guard let range = found else { return .notFound }
        // The cells whose character starts inside the match (an empty match: the cell at its place).
        var cells: [Cell] = []
        walk(grid, area) { _, offset, cell in
            guard let cell else { return }
            if range.length == 0 ? offset == range.location : NSLocationInRange(offset, range) { cells.append(cell) }
        }
        return .found(cells)
    }

    /// Walks the area's text, rows joined by newlines and trailing blanks left
    /// out, telling each character with its UTF-16 offset and its cell (none for a newline).
    private static func walk(_ grid: Grid, _ area: Rect, _ visit: (Character, Int, Cell?) -> Void) {
        var offset = 0
        for row in max(0, area.y)..<min(grid.size.rows, area.maxY) {
            if row > area.y {
                visit("\n", offset, nil)
                offset += 1
            }
            let columns = max(0, area.x)..<min(grid.size.columns, area.maxX)
            guard let lastShown = columns.last(where: { !grid[$0, row].isContinuation && grid[$0, row].text != " " })
            else { continue }
            for column in columns.lowerBound...lastShown where !grid[column, row].isContinuation {
                let character = grid[column, row].text
                visit(character, offset, Cell(column: column, row: row))
                offset += character.utf16.count
            }
        }
    }
}
