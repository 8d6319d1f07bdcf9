/// Home: a welcome, notices such as the order confirmation, featured products.
enum HomeScreen {
    static func handle(_ action: Action, _ state: inout AppState) -> [Command]? {
        let count = state.home.featured.count
        if let row = ListSelection.row(after: action, from: state.home.selection, count: count) {
            state.home.selection = row
            return []
        }
        switch action {
        case .open:
            guard state.home.featured.indices.contains(state.home.selection) else { return [] }
            return ProductScreen.open(state.home.featured[state.home.selection], &state)
        case .add:
            guard state.home.featured.indices.contains(state.home.selection) else { return [] }
            return CartUpdates.add(state.home.featured[state.home.selection], &state)
        default: return nil
        }
    }

    static func view(_ state: AppState, _ grid: inout Grid, _ body: Rect) {
        var y = body.y
        let welcome = ["Welcome to The Better Store", "Books and computers, delivered across New Zealand."]
        grid.write(" " + welcome[0], column: body.x + 1, row: y, role: .heading)
        grid.write(" " + DisplayWidth.truncate(welcome[1], to: body.width - 3), column: body.x + 1, row: y + 1, role: .muted)
        y += 2
        if let banner = state.home.banner {
            let lines = TextLayout.wrap(banner.text, width: body.width - 6)
            let rect = Rect(x: body.x, y: y, width: body.width, height: lines.count + 2)
            let inside = Frame.draw(&grid, rect, title: "Notice", role: banner.role)
            for (index, line) in lines.enumerated() {
                grid.write(" " + line, column: inside.x, row: inside.y + index, role: banner.role)
            }
            y = rect.maxY
        }
        var rect = Rect(x: body.x, y: y, width: body.width, height: body.maxY - y)
        if body.width >= CatalogueScreen.wideColumns, state.home.featured.indices.contains(state.home.selection) {
            let (list, detail) = rect.left(body.width * 11 / 20)
            rect = list
            let inside = Frame.draw(&grid, detail, title: "Details")
            ProductScreen.drawDetails(state.home.featured[state.home.selection], &grid, inside.inset(horizontal: 1))
        }
        let loading = state.isInFlight { if case .products(let q) = $0 { return q.featured }; return false }
        let inside = Frame.draw(&grid, rect, title: "Featured", trailing: loading ? "loading…" : nil)
        if state.home.featured.isEmpty {
            let text = ListPlaceholder.text(state, loading: loading, what: "the featured products",
                                            requests: { if case .products(let q) = $0 { return q.featured }; return false },
                                            empty: state.home.loaded ? "No featured products right now." : "loading…")
            ListPlaceholder.draw(text, &grid, inside.inset(horizontal: 1))
            return
        }
        ProductList.draw(&grid, inside, products: state.home.featured, selection: state.home.selection)
    }
}
