import StoreCore

/// What one frame changed against the frame before it, and the fewest bytes a
/// terminal must be sent to show that change: for each run of changed cells in
/// a row, one cursor move, one SGR per style change (as `ANSIFrame` writes it)
/// and the text's UTF-8. The yardstick for what a backend actually wrote.
public struct FrameChanges: Equatable, Sendable {
    public var cells = 0
    public var runs = 0
    public var minimumBytes = 0

    /// Everything counts as changed when there is no previous frame of the same size.
    public init(from previous: Grid?, to grid: Grid, theme: Theme) {
        let last = previous.flatMap { $0.size == grid.size ? $0 : nil }
        let sgrBytes = Role.allCases.map { ANSIFrame.sgr(theme[$0]).utf8.count }
        for row in 0..<grid.size.rows {
            var column = 0
            while column < grid.size.columns {
                guard Self.changed(grid, last, column, row) else { column += 1; continue }
                runs += 1
                minimumBytes += "\u{1B}[\(row + 1);\(column + 1)H".utf8.count
                var role: Role?
                while column < grid.size.columns, Self.changed(grid, last, column, row) {
                    let cell = grid[column, row]
                    cells += 1
                    if !cell.isContinuation {
                        if cell.role != role {
                            minimumBytes += sgrBytes[cell.role.index]
                            role = cell.role
                        }
                        minimumBytes += cell.glyph.utf8Count
                    }
                    column += 1
                }
            }
        }
    }

    private static func changed(_ grid: Grid, _ last: Grid?, _ column: Int, _ row: Int) -> Bool {
        guard let last else { return true }
        return grid[column, row] != last[column, row]
    }
}
