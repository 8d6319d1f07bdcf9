/// What a list shows while it has no rows: that it is loading, that loading
/// failed — why, and the key that tries again — or what an empty list means.
enum ListPlaceholder {
    static func text(_ state: AppState, loading: Bool, what: String,
                     requests matches: (APIRequest) -> Bool, empty: String) -> String {
        if loading { return "loading…" }
        guard let error = state.network.failure(matches) else { return empty }
        let reason = error.connectivitySummary ?? error.userMessage
        return "Could not load \(what) (\(reason)) — press \(state.keymap.label(for: .retry)) to retry."
    }
}

extension ListPlaceholder {
    /// Writes `text` wrapped to the width of `rect`, from its top row, as many rows as fit.
    static func draw(_ text: String, _ grid: inout Grid, _ rect: Rect) {
        for (offset, line) in TextLayout.wrap(text, width: max(1, rect.width)).prefix(max(0, rect.height)).enumerated() {
            grid.write(line, column: rect.x, row: rect.y + offset, role: .muted, limit: rect.width)
        }
    }
}
