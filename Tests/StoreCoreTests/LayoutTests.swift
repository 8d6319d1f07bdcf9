import Testing
import StoreCore

@Suite struct LayoutTests {
    @Test func tooSmallScreenSaysTheSizes() {
        let harness = Harness.inCatalogue()
        let text = harness.screen(40, 10)
        #expect(text.contains("Terminal too small"))
        #expect(text.contains("40x10"))
        #expect(text.contains("50x15"))
        #expect(!harness.screen(50, 15).contains("Terminal too small"))
    }

    @Test func wideCatalogueHasADetailPaneBesideTheList() {
        let harness = Harness.inCatalogue()
        let wide = harness.grid(120, 30)
        // The list's first row and the detail pane share a line.
        let row = (0..<30).first { wide.line($0).contains("Crème brûlée for Beginners") }
        #expect(row != nil)
        if let row { #expect(wide.line(row).components(separatedBy: "Crème brûlée for Beginners").count == 3) }
        #expect(wide.text.contains("Details"))
        let narrow = harness.screen(60, 15)
        #expect(!narrow.contains("Details"))
        #expect(narrow.contains("Catalogue"))
    }

    @Test func cjkNamesKeepPriceColumnsAligned() {
        let harness = Harness.inCatalogue([Fixture.cafe, Fixture.dune, Fixture.threeBody])
        for size in [Size(columns: 80, rows: 24), Size(columns: 120, rows: 30), Size(columns: 50, rows: 15)] {
            let grid = Storefront.view(harness.state, size: size)
            var ends: Set<Int> = []
            for row in 0..<size.rows {
                for name in ["Crème brûlée", "Dune", "三体"] where grid.line(row).contains(name) {
                    // The column (in cells) where the row's first price ends.
                    let cells = (0..<size.columns).map { grid[$0, row] }
                    let text = cells.map { String($0.text) }.joined()
                    if let range = text.range(of: "NZD ") {
                        var column = text.distance(from: text.startIndex, to: range.upperBound)
                        while column < size.columns, cells[column].text.isNumber || cells[column].text == "." { column += 1 }
                        ends.insert(column)
                    }
                }
            }
            #expect(ends.count == 1, "prices not aligned at \(size): \(ends)")
        }
    }

    @Test func cjkCellsAreMarkedAsContinuations() {
        let harness = Harness.inCatalogue([Fixture.threeBody])
        let grid = harness.grid(80, 24)
        let row = (0..<24).first { grid.line($0).contains("三体") }!
        let x = (0..<80).first { grid[$0, row].text == "三" }!
        #expect(grid[x + 1, row].isContinuation)
        #expect(grid[x + 2, row].text == "体")
    }

    @Test func everyScreenDrawsAtTheSmallestAndLargestSizes() {
        var harness = Harness.withCart([(Fixture.dune, 2), (Fixture.threeBody, 1)], signedIn: true)
        harness.state.product.product = Fixture.threeBody
        harness.state.orders.list = [Fixture.order(status: .paid)]
        harness.state.orders.detail = Fixture.order(status: .paid)
        harness.state.checkout.deliveryAddress = Fixture.address
        for screen in ScreenID.allCases {
            harness.state.screen = screen
            for size in [Size(columns: 50, rows: 15), Size(columns: 80, rows: 24), Size(columns: 160, rows: 48)] {
                let grid = Storefront.view(harness.state, size: size)
                #expect(grid.line(0).contains("The Better Store"), "\(screen) at \(size)")
                #expect(grid.line(size.rows - 2).contains("Cart: 3 items"), "\(screen) at \(size)")
                #expect(grid.line(size.rows - 1).contains("help"), "\(screen) at \(size)")
                #expect(grid.text.contains(screen.title) || screen == .product || screen == .orderDetail,
                        "\(screen) at \(size) has no heading")
            }
        }
    }

    @Test func headingsForScripts() {
        var harness = Harness.withCart([(Fixture.dune, 1)])
        #expect(harness.screen().contains("Cart"))
        harness.press(.character("s"))
        #expect(harness.screen().contains("Catalogue"))
        harness.press(.character("h"))
        #expect(harness.screen().contains("Featured"))
    }
}
