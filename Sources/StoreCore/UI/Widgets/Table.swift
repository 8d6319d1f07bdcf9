/// Rows of aligned columns: the first column takes what the others leave;
/// the others have fixed widths and are usually right-aligned (prices).
public enum Table {
    public static let gap = 2

    /// Column widths for a row `total` columns wide whose columns after the
    /// first have the given widths.
    public static func widths(total: Int, fixed: [Int]) -> [Int] {
        let used = fixed.reduce(0, +) + gap * fixed.count
        return [max(1, total - used)] + fixed
    }

    /// Draws one row; columns listed in `rightAligned` are aligned right.
    public static func row(_ grid: inout Grid, x: Int, y: Int, widths: [Int], cells: [String],
                           role: Role = .normal, roles: [Int: Role] = [:], rightAligned: Set<Int> = []) {
        var column = x
        for (index, width) in widths.enumerated() where index < cells.count {
            cell(&grid, cells[index], column: column, row: y, width: width, role: roles[index] ?? role,
                 right: rightAligned.contains(index))
            column += width + gap
        }
    }

    /// The cells `DisplayWidth.pad` (or `TextLayout.right`) would make of `text`
    /// at `width`, the padding laid as blank cells instead of a padded string.
    private static func cell(_ grid: inout Grid, _ text: String, column: Int, row: Int, width: Int, role: Role, right: Bool) {
        let cut = DisplayWidth.truncate(text, to: width)
        let blanks = max(0, width - DisplayWidth.of(cut))
        let start = right ? column + blanks : column
        if right { grid.fill(role: role, columns: column..<start, rows: row..<(row + 1)) }
        let end = grid.write(cut, column: start, row: row, role: role, limit: column + width - start)
        if !right { grid.fill(role: role, columns: end..<max(end, column + width), rows: row..<(row + 1)) }
    }
}
