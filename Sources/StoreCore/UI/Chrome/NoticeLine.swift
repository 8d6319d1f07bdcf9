/// The row above the status line: the latest notice, e.g. "Added ‘Dune’ to cart";
/// else, while the store cannot be reached, the sentence that says why and what to do.
enum NoticeLine {
    static func draw(_ grid: inout Grid, _ state: AppState, row: Int) {
        guard let notice = state.notice ?? reasonUnreachable(state) else { return }
        let mark: String
        switch notice.kind {
        case .info: mark = "ℹ "
        case .success: mark = "✓ "
        case .error: mark = "✗ "
        }
        let text = DisplayWidth.truncate(mark + notice.text, to: grid.size.columns - 2)
        grid.write(" " + text, column: 0, row: row, role: notice.role)
    }

    private static func reasonUnreachable(_ state: AppState) -> Notice? {
        guard state.network.unreachable, let failure = state.network.lastFailure else { return nil }
        return Notice(failure.userMessage, kind: .error)
    }
}
