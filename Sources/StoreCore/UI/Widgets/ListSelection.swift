/// Moving the highlighted row of a list: by one, by a page of ten, or to either end.
enum ListSelection {
    static let pageRows = 10

    /// The row `action` moves the highlight to from `selection` in a list of `count` rows,
    /// or nil when the action is not a move.
    static func row(after action: Action, from selection: Int, count: Int) -> Int? {
        switch action {
        case .moveUp: return max(0, selection - 1)
        case .moveDown: return max(0, min(count - 1, selection + 1))
        case .moveFirst: return 0
        case .pageUp: return max(0, selection - pageRows)
        case .pageDown: return max(0, min(count - 1, selection + pageRows))
        case .moveLast: return max(0, count - 1)
        default: return nil
        }
    }
}
