/// The help overlay: the current screen's keys, generated from the key table.
enum HelpOverlay {
    static func draw(_ grid: inout Grid, _ state: AppState, _ body: Rect, scroll: Int) {
        grid.cursor = nil
        let entries = state.keymap.helpEntries(for: state.screen)
        let rows = entries.map { spec in (spec.keys.map(KeyName.label).joined(separator: " "), spec.help) }
        let keyWidth = min(16, (rows.map { DisplayWidth.of($0.0) }.max() ?? 0))
        let width = min(body.width - 2, max(40, keyWidth + 2 + (rows.map { DisplayWidth.of($0.1) }.max() ?? 0) + 4))
        let height = min(body.height, rows.count + 4)
        let rect = Rect(x: body.x + (body.width - width) / 2, y: body.y + (body.height - height) / 2,
                        width: width, height: height)
        grid.fill(columns: rect.x..<rect.maxX, rows: rect.y..<rect.maxY)
        let inside = Frame.draw(&grid, rect, title: "Help — \(state.screen.title)", trailing: "Esc closes")
        let visible = inside.height - 1
        let start = max(0, min(scroll, rows.count - visible))
        for (offset, row) in rows.dropFirst(start).prefix(visible).enumerated() {
            let y = inside.y + 1 + offset
            grid.write(" " + DisplayWidth.pad(row.0, to: keyWidth), column: inside.x, row: y, role: .footerKey)
            grid.write(row.1, column: inside.x + keyWidth + 3, row: y, limit: inside.width - keyWidth - 4)
        }
        if start + visible < rows.count {
            grid.write("↓ more", column: inside.maxX - 7, row: inside.maxY, role: .muted)
        }
    }
}
