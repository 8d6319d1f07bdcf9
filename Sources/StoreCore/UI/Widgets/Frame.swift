/// Box-drawing borders with an optional title in the top edge: ┌─ Cart ──┐.
public enum Frame {
    /// Draws the border and returns the inside.
    @discardableResult
    public static func draw(_ grid: inout Grid, _ rect: Rect, title: String? = nil,
                            trailing: String? = nil, role: Role = .border) -> Rect {
        guard rect.width >= 2, rect.height >= 2 else { return Rect(x: rect.x, y: rect.y, width: 0, height: 0) }
        let horizontal = String(repeating: "─", count: rect.width - 2)
        grid.write("┌" + horizontal + "┐", column: rect.x, row: rect.y, role: role)
        grid.write("└" + horizontal + "┘", column: rect.x, row: rect.maxY - 1, role: role)
        for y in (rect.y + 1)..<(rect.maxY - 1) {
            grid.write("│", column: rect.x, row: y, role: role)
            grid.write("│", column: rect.maxX - 1, row: y, role: role)
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
        grid.write(String(repeating: "─", count: width), column: x, row: row, role: role)
    }
}
