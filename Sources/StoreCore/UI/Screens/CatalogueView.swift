/// Drawing the catalogue: tabs, the search line, the list and the detail pane.
extension CatalogueScreen {
    static func view(_ state: AppState, _ grid: inout Grid, _ body: Rect) {
        let catalogue = state.catalogue
        Tabs.draw(&grid, x: body.x + 1, y: body.y, width: body.width - 2, titles: catalogue.tabTitles, active: catalogue.tab)
        drawSearchLine(state, &grid, Rect(x: body.x, y: body.y + 1, width: body.width, height: 1))
        let area = Rect(x: body.x, y: body.y + 2, width: body.width, height: body.height - 2)
        let loading = state.isInFlight { if case .products(let q) = $0 { return !q.featured }; return false }
        let title = "Catalogue" + (catalogue.query.text.map { " — “\($0)”" } ?? "")

        if area.width >= wideColumns {
            let (listRect, detailRect) = area.left(area.width * 11 / 20)
            drawList(state, &grid, listRect, title: title, loading: loading)
            let inside = Frame.draw(&grid, detailRect, title: "Details")
            if let product = catalogue.selected { ProductScreen.drawDetails(product, &grid, inside.inset(horizontal: 1)) }
        } else if area.height >= 16, let product = catalogue.selected {
            let (listRect, detailRect) = area.top(area.height - 7)
            drawList(state, &grid, listRect, title: title, loading: loading)
            let inside = Frame.draw(&grid, detailRect, title: "Details")
            ProductScreen.drawDetails(product, &grid, inside.inset(horizontal: 1), brief: true)
        } else {
            drawList(state, &grid, area, title: title, loading: loading)
        }
    }

    private static func drawList(_ state: AppState, _ grid: inout Grid, _ rect: Rect, title: String, loading: Bool) {
        let inside = Frame.draw(&grid, rect, title: title, trailing: loading ? "loading…" : nil)
        guard let page = state.catalogue.page else {
            let text = ListPlaceholder.text(state, loading: loading, what: "the catalogue",
                                            requests: { if case .products = $0 { return true }; return false }, empty: "loading…")
            ListPlaceholder.draw(text, &grid, inside.inset(horizontal: 1))
            return
        }
        if page.items.isEmpty {
            grid.write(" No products match.", column: inside.x, row: inside.y, role: .muted)
            return
        }
        ProductList.draw(&grid, inside, products: page.items, selection: state.catalogue.selection)
    }

    private static func drawSearchLine(_ state: AppState, _ grid: inout Grid, _ rect: Rect) {
        let catalogue = state.catalogue
        let info = pageInfo(catalogue.page)
        let infoWidth = DisplayWidth.of(info)
        let room = rect.width - infoWidth - 4
        var x = rect.x + 1
        if catalogue.searching {
            x = grid.write("Search: ", column: x, row: rect.y, role: .accent)
            let field = catalogue.search["search"]
            let cursor = catalogue.search.fields.first.map { String(field.prefix($0.cursorOffset)) } ?? field
            let boxWidth = max(10, min(30, room - 9))
            grid.write(DisplayWidth.pad(" " + field, to: boxWidth), column: x, row: rect.y, role: .inputFocus, limit: boxWidth)
            grid.cursor = (min(x + 1 + DisplayWidth.of(cursor), x + boxWidth - 1), rect.y)
        } else if let text = catalogue.query.text {
            grid.write("Search: “\(text)” (/ to change)", column: x, row: rect.y, role: .muted, limit: room)
        } else {
            grid.write("/ to search", column: x, row: rect.y, role: .muted, limit: room)
        }
        if infoWidth < rect.width - 20 {
            grid.write(info, column: rect.maxX - infoWidth - 1, row: rect.y, role: .muted)
        }
    }

    /// "page 2 of 3 · 61 products".
    static func pageInfo(_ page: ProductPage?) -> String {
        guard let page else { return "" }
        let size = max(1, page.limit)
        let pages = max(1, (page.total + size - 1) / size)
        let current = page.offset / size + 1
        return "page \(current) of \(pages) · \(page.total) product\(page.total == 1 ? "" : "s")"
    }
}
