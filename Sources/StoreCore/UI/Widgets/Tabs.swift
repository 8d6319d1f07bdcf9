/// A row of tabs, the active one highlighted; scrolls so the active tab shows.
public enum Tabs {
    public static func draw(_ grid: inout Grid, x: Int, y: Int, width: Int, titles: [String], active: Int) {
        let labels = titles.map { " \($0) " }
        var start = 0
        func widthFrom(_ first: Int, through last: Int) -> Int {
            labels[first...last].reduce(0) { $0 + DisplayWidth.of($1) + 1 }
        }
        if active < labels.count {
            while start < active && widthFrom(start, through: active) > width { start += 1 }
        }
        var column = x
        if start > 0 { column = grid.write("‹", column: column, row: y, role: .muted) }
        for index in start..<labels.count {
            let room = x + width - column
            guard room > 1 else { break }
            column = grid.write(labels[index], column: column, row: y,
                                role: index == active ? .tabActive : .tab, limit: room)
            column += 1
        }
    }
}
