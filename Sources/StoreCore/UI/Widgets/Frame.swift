import Foundation

/// Box-drawing borders with an optional title in the top edge: ┌─ Cart ──┐.
/// Drawn here and read back from a screen here (`Frame.boxes(in:)`), so the
/// two always agree on what a box looks like.
public enum Frame {
    /// The characters a frame is drawn with.
    enum Edge {
        static let topLeft: Character = "┌", topRight: Character = "┐"
        static let bottomLeft: Character = "└", bottomRight: Character = "┘"
        static let horizontal: Character = "─", vertical: Character = "│"
    }

    /// Draws the border and returns the inside.
    @discardableResult
    public static func draw(_ grid: inout Grid, _ rect: Rect, title: String? = nil,
                            trailing: String? = nil, role: Role = .border) -> Rect {
        guard rect.width >= 2, rect.height >= 2 else { return Rect(x: rect.x, y: rect.y, width: 0, height: 0) }
        // Edges are laid cell by cell: every edge character takes one column.
        for (y, left, right) in [(rect.y, Edge.topLeft, Edge.topRight), (rect.maxY - 1, Edge.bottomLeft, Edge.bottomRight)] {
            grid.fill(left, role: role, columns: rect.x..<(rect.x + 1), rows: y..<(y + 1))
            grid.fill(Edge.horizontal, role: role, columns: (rect.x + 1)..<(rect.maxX - 1), rows: y..<(y + 1))
            grid.fill(right, role: role, columns: (rect.maxX - 1)..<rect.maxX, rows: y..<(y + 1))
        }
        for x in [rect.x, rect.maxX - 1] {
            grid.fill(Edge.vertical, role: role, columns: x..<(x + 1), rows: (rect.y + 1)..<(rect.maxY - 1))
        }
        let room = rect.width - 6
        if let title, room > 0 {
            let text = " " + DisplayWidth.truncate(title, to: room) + " "
            grid.write(text, column: rect.x + 2, row: rect.y, role: .heading)
        }
        if let trailing, room > 0 {
            let titleWidth = title.map { DisplayWidth.of(DisplayWidth.truncate($0, to: room)) + 4 } ?? 0
            let space = rect.width - 4 - titleWidth
            if space > 4 {
                let text = " " + DisplayWidth.truncate(trailing, to: space - 2) + " "
                grid.write(text, column: rect.maxX - 2 - DisplayWidth.of(text), row: rect.y, role: .muted)
            }
        }
        return rect.inset(1)
    }

    /// A horizontal rule across a row: ├────┤ when it meets a border, ──── otherwise.
    public static func rule(_ grid: inout Grid, row: Int, x: Int, width: Int, role: Role = .border) {
        guard width > 0 else { return }
        grid.fill(Edge.horizontal, role: role, columns: x..<(x + width), rows: row..<(row + 1))
    }
}

/// A frame found on a screen: its title and the cells inside its border.
public struct FramedBox: Hashable, Sendable {
    /// The first text in the top border (`┌─ Cart ──┐` → "Cart"); "" for a box without one.
    public var title: String
    public var inside: Rect
}

extension Frame {
    /// Every whole box on the screen, in reading order of their top-left corners:
    /// a `┌` whose top edge runs to a `┐`, with a `└ … ┘` edge below it in the
    /// same columns. A box partly covered (by an overlay) is not a box.
    public static func boxes(in grid: Grid) -> [FramedBox] {
        var found: [FramedBox] = []
        for y in 0..<grid.size.rows {
            for x in 0..<grid.size.columns where grid[x, y].text == Edge.topLeft {
                guard let right = rightCorner(of: x, y, in: grid), let bottom = bottomEdge(x, right, below: y, in: grid) else {
                    continue
                }
                found.append(FramedBox(title: title(in: grid, row: y, columns: (x + 1)..<right),
                                       inside: Rect(x: x + 1, y: y + 1, width: right - x - 1, height: bottom - y - 1)))
            }
        }
        return found
    }

    /// The column of the `┐` that ends the top edge starting at (x, y): the
    /// edge holds only `─`, the title and the trailing text.
    private static func rightCorner(of x: Int, _ y: Int, in grid: Grid) -> Int? {
        var column = x + 1
        while column < grid.size.columns {
            let character = grid[column, y].text
            if character == Edge.topRight { return column }
            if character == Edge.topLeft { return nil }
            column += 1
        }
        return nil
    }

    /// The row of the bottom edge: `└` under the left corner, `┘` under the right, `│` on both sides between.
    private static func bottomEdge(_ left: Int, _ right: Int, below top: Int, in grid: Grid) -> Int? {
        var y = top + 1
        while y < grid.size.rows {
            let (l, r) = (grid[left, y].text, grid[right, y].text)
            if l == Edge.bottomLeft && r == Edge.bottomRight { return y }
            guard l == Edge.vertical && r == Edge.vertical else { return nil }
            y += 1
        }
        return nil
    }

    private static func title(in grid: Grid, row: Int, columns: Range<Int>) -> String {
        var text = ""
        for x in columns where !grid[x, row].isContinuation { text.append(grid[x, row].text) }
        let pieces = text.split(separator: Edge.horizontal).map { $0.trimmingCharacters(in: .whitespaces) }
        return pieces.first { !$0.isEmpty } ?? ""
    }
}
