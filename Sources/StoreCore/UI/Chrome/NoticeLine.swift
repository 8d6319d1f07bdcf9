/// The row above the status line: the latest notice, e.g. "Added ‘Dune’ to cart".
enum NoticeLine {
    static func draw(_ grid: inout Grid, _ state: AppState, row: Int) {
        guard let notice = state.notice else { return }
        let mark: String
        switch notice.kind {
        case .info: mark = "ℹ "
        case .success: mark = "✓ "
        case .error: mark = "✗ "
        }
        let text = DisplayWidth.truncate(mark + notice.text, to: grid.size.columns - 2)
        grid.write(" " + text, column: 0, row: row, role: notice.role)
    }
}
