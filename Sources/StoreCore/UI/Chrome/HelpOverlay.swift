/// The help overlay: the current screen's keys, then the keys that work
/// everywhere, generated from the key table.
enum HelpOverlay {
    private enum Row { case heading(String), key(String, String) }

    static func draw(_ grid: inout Grid, _ state: AppState, _ body: Rect, scroll: Int) {
        grid.cursor = nil
        let entries = state.keymap.helpEntries(for: state.screen)
        let own = entries.filter { $0.scope != .global }
        let global = entries.filter { $0.scope == .global }
        func keys(_ spec: ActionSpec) -> Row { .key(spec.keys.map(KeyName.label).joined(separator: " "), spec.help) }
        var rows: [Row] = []
        if !own.isEmpty { rows += [.heading("On this screen")] + own.map(keys) }
        rows += [.heading("Everywhere")] + global.map(keys)

        let keyWidth = min(16, entries.map { DisplayWidth.of($0.keys.map(KeyName.label).joined(separator: " ")) }.max() ?? 0)
        let helpWidth = entries.map { DisplayWidth.of($0.help) }.max() ?? 0
        let width = min(body.width - 2, max(44, keyWidth + helpWidth + 8))
        let height = min(body.height, rows.count + 3)
        let rect = Rect(x: body.x + (body.width - width) / 2, y: body.y + (body.height - height) / 2,
                        width: width, height: height)
        grid.fill(columns: rect.x..<rect.maxX, rows: rect.y..<rect.maxY)
        let inside = Frame.draw(&grid, rect, title: "Help — \(state.screen.title)", trailing: "Esc closes")
        let visible = inside.height - 1
        let start = max(0, min(scroll, rows.count - visible))
        for (offset, row) in rows.dropFirst(start).prefix(visible).enumerated() {
            let y = inside.y + 1 + offset
            switch row {
            case .heading(let title):
                grid.write(" " + title, column: inside.x, row: y, role: .heading)
            case .key(let keys, let help):
                grid.write("  " + DisplayWidth.pad(keys, to: keyWidth), column: inside.x, row: y, role: .footerKey)
                grid.write(help, column: inside.x + keyWidth + 4, row: y, limit: inside.width - keyWidth - 5)
            }
        }
        if start + visible < rows.count {
            grid.write("↓ more", column: inside.maxX - 7, row: inside.maxY, role: .muted)
        }
    }
}
