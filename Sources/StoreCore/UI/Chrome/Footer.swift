/// The bottom row: the main keys of the current screen, from the key table,
/// as many as fit.
enum Footer {
    static func draw(_ grid: inout Grid, _ state: AppState, row: Int) {
        let width = grid.size.columns
        grid.fill(role: .footer, columns: 0..<width, rows: row..<(row + 1))
        var x = 1
        for entry in state.keymap.footerEntries(for: state.screen) {
            let needed = DisplayWidth.of(entry.keys) + 1 + DisplayWidth.of(entry.label) + 2
            guard x + needed <= width else { break }
            x = grid.write(entry.keys, column: x, row: row, role: .footerKey)
            x = grid.write(" " + entry.label + "  ", column: x, row: row, role: .footer)
        }
    }
}
