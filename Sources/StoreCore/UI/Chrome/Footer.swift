/// The bottom row: the main keys of the current screen, from the key table,
/// as many as fit — the help key always among them.
enum Footer {
    static func draw(_ grid: inout Grid, _ state: AppState, row: Int) {
        let width = grid.size.columns
        grid.fill(role: .footer, columns: 0..<width, rows: row..<(row + 1))
        let helpLabel = state.keymap.spec(for: .help)?.label
        var entries = state.catalogue.searching && state.screen == .catalogue
            ? searchEntries(state)
            : state.keymap.footerEntries(for: state.screen, typing: KeyRouting.textInput(state), isAvailable: state.isAvailable)
        let help = entries.firstIndex { $0.label == helpLabel }.map { entries.remove(at: $0) }
        let helpWidth = help.map { measure($0) } ?? 0
        var x = 1
        for entry in entries {
            guard x + measure(entry) + helpWidth <= width else { break }
            x = draw(entry, &grid, x: x, row: row)
        }
        if let help, x + helpWidth <= width { draw(help, &grid, x: x, row: row) }
    }

    /// Typing a search: Enter searches and Esc puts the search back; the
    /// catalogue's own keys would only type letters.
    private static func searchEntries(_ state: AppState) -> [(keys: String, label: String)] {
        let keymap = state.keymap
        return [(keymap.label(for: .open), "search"), (keymap.label(for: .back), "cancel"),
                (keymap.label(for: .moveDown), "results")]
            + keymap.footerEntries(for: .catalogue, typing: true) { $0 == .help }
    }

    private static func measure(_ entry: (keys: String, label: String)) -> Int {
        DisplayWidth.of(entry.keys) + 1 + DisplayWidth.of(entry.label) + 2
    }

    @discardableResult
    private static func draw(_ entry: (keys: String, label: String), _ grid: inout Grid, x: Int, row: Int) -> Int {
        let next = grid.write(entry.keys, column: x, row: row, role: .footerKey)
        return grid.write(" " + entry.label + "  ", column: next, row: row, role: .footer)
    }
}

extension AppState {
    /// Whether an action can do anything on the current screen; the footer
    /// offers only those (cancel only for a cancellable order, retry
    /// only after a request failed).
    func isAvailable(_ action: Action) -> Bool {
        switch action {
        case .cancelOrder: return orders.detail?.cancellable ?? false
        case .retry: return network.unreachable || !network.failed.isEmpty
        case .signOut: return session != nil
        default: return true
        }
    }
}
