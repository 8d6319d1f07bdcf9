import Foundation
import StoreCore
import StoreHTTP
import Testing
import TestSupport
@testable import StorefrontApp

/// `… in "Box title"` looks inside one box only; `expect-style` checks how a text is drawn.
@Suite struct RegionAndStyleTests {
    /// Two boxes and a status line: "Total" is drawn in both boxes' neighbourhood but inside "Cart" only.
    static func screen() -> Grid {
        var grid = Grid(size: Size(columns: 60, rows: 12))
        Frame.draw(&grid, Rect(x: 0, y: 0, width: 30, height: 6), title: "Cart", trailing: "2 items")
        grid.write("Total NZD 24.99", column: 2, row: 2, role: .price)
        grid.write("日本語 book", column: 2, row: 3)
        Frame.draw(&grid, Rect(x: 30, y: 0, width: 30, height: 6), title: "Card details")
        grid.write("Visa", column: 32, row: 2, role: .selection)
        grid.write("Total outside any box", column: 0, row: 8)
        return grid
    }

    private func pattern(_ line: String) throws -> TextPattern {
        let script = try ScriptParser.parse(line)
        switch try #require(script.steps.first).command {
        case .expect(let pattern), .expectNot(let pattern), .wait(let pattern, _), .waitGone(let pattern, _),
             .expectStyle(let pattern, _):
            return pattern
        default:
            throw ScriptError(location: SourceLocation(file: "x", line: 1), message: "not a pattern line")
        }
    }

    @Test func boxesAreReadFromTheScreenWithTheirTitles() {
        let boxes = Frame.boxes(in: Self.screen())
        #expect(boxes.map(\.title) == ["Cart", "Card details"])
        #expect(boxes.first?.inside == Rect(x: 1, y: 1, width: 28, height: 4))
    }

    @Test func aMatchOutsideTheBoxDoesNotCount() throws {
        let grid = Self.screen()
        #expect(try pattern("expect /Total +NZD/ in \"Cart\"").matches(grid))
        #expect(try !pattern("expect \"Visa\" in \"Cart\"").matches(grid), "Visa is in another box")
        #expect(try pattern("wait \"Visa\" in \"Card details\" 2s").matches(grid))
        #expect(try !pattern("expect \"outside\" in \"Cart\"").matches(grid))
        #expect(try pattern("expect \"outside\"").matches(grid), "on screen, outside every box")
        #expect(try pattern("expect \"日本語 book\" in \"Cart\"").matches(grid), "wide characters inside a box")
        #expect(try !pattern("expect \"2 items\" in \"Cart\"").matches(grid), "the border's own text is not inside")
        guard case .noBox(let title) = ScreenSearch.find(try pattern("expect-not \"x\" in \"Orders\""), in: grid) else {
            Issue.record("a missing box is its own outcome"); return
        }
        #expect(title == "Orders")
    }

    @Test func badRegionAndStyleLinesAreScriptErrors() {
        for line in ["expect \"x\" in Cart", "expect \"x\" in \"\"", "expect-style \"x\"", "expect-style \"x\" sparkly",
                     "wait \"x\" in"] {
            #expect(throws: ScriptError.self, "\(line)") { try ScriptParser.parse(line) }
        }
        #expect(ScriptParser.drawnStyle("tab-active") == .role(.tabActive))
        #expect(ScriptParser.drawnStyle("bold") == .attribute("bold", .bold))
    }

    private func play(_ text: String, store: TestStore) throws -> ScriptOutcome {
        let script = try ScriptParser.parse(text, file: "test.keys")
        return ScriptSession.play(script, api: StoreClient(baseURL: store.baseURL),
                                  settings: .init(endpointLabel: "embedded shop", runner: .init()))
    }

    @Test func regionsAndStylesOnTheRealScreens() throws {
        let store = try TestStore()
        defer { store.stop() }
        let home = "size 100x30\nwait \"Featured\"\n"
        // The status line shows "Cart:", outside every box.
        #expect(try play(home + "expect \"Cart:\"\nexpect-not \"Cart:\" in \"Featured\"\n", store: store).exitStatus == 0)
        #expect(try play(home + "expect-style \"Featured\" heading\nexpect-style \"Featured\" bold\n", store: store).exitStatus == 0)

        guard case .failed(let outside) = try play(home + "expect \"Cart:\" in \"Featured\"\n", store: store) else {
            Issue.record("a match outside the box passed"); return
        }
        #expect(outside.reason.contains("\"Cart:\" in \"Featured\" is not on screen"), "\(outside.reason)")

        guard case .failed(let missing) = try play(home + "wait \"Visa\" in \"Card details\" 300ms\n", store: store) else {
            Issue.record("a missing box passed"); return
        }
        #expect(missing.reason.contains("no box titled \"Card details\" is on screen"), "\(missing.reason)")

        guard case .failed(let drawn) = try play(home + "expect-style \"Featured\" selection\n", store: store) else {
            Issue.record("a wrong role passed"); return
        }
        #expect(drawn.reason.contains("\"Featured\" is drawn as heading (153 bold), not selection"), "\(drawn.reason)")

        guard case .failed(let attribute) = try play(home + "expect-style \"Featured\" reverse\n", store: store) else {
            Issue.record("a missing attribute passed"); return
        }
        #expect(attribute.reason.contains("not reverse"), "\(attribute.reason)")
    }
}
