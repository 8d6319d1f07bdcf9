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
            let text = rightAligned.contains(index) ? TextLayout.right(cells[index], width)
                                                    : DisplayWidth.pad(cells[index], to: width)
            grid.write(text, column: column, row: y, role: roles[index] ?? role, limit: width)
            column += width + gap
        }
    }
}
