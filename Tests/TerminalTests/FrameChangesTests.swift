import StoreCore
@testable import StoreTerminal
import Testing

/// The yardstick the benchmark compares a backend's output with.
@Suite struct FrameChangesTests {
    @Test func countsRunsOfChangedCellsAndTheBytesTheyNeed() {
        let theme = Theme.standard
        var before = Grid(size: Size(columns: 10, rows: 3))
        before.write("abc", column: 0, row: 0)
        var after = before
        after.write("xy", column: 4, row: 1, role: .price)
        after.write("z", column: 9, row: 2)

        let changes = FrameChanges(from: before, to: after, theme: theme)
        #expect(changes.cells == 3)
        #expect(changes.runs == 2)
        let expected = "\u{1B}[2;5H".utf8.count + ANSIFrame.sgr(theme[.price]).utf8.count + 2
            + "\u{1B}[3;10H".utf8.count + ANSIFrame.sgr(theme[.normal]).utf8.count + 1
        #expect(changes.minimumBytes == expected)
    }

    @Test func aFirstFrameChangesEveryCell() {
        let grid = Grid(size: Size(columns: 4, rows: 2))
        let changes = FrameChanges(from: nil, to: grid, theme: .standard)
        #expect(changes.cells == 8)
        #expect(changes.runs == 2)
        #expect(FrameChanges(from: grid, to: grid, theme: .standard).cells == 0)
    }
}
