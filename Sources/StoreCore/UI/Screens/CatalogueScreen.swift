import Foundation

/// The catalogue: category tabs, search, pages of 25 from the server; a list
/// beside a detail pane on wide terminals, stacked or list-only on narrow ones.
enum CatalogueScreen {
    static let wideColumns = 100

    static func handle(_ action: Action, _ state: inout AppState) -> [Command]? {
        let catalogue = state.catalogue
        let count = catalogue.page?.items.count ?? 0
        if catalogue.searching {
            switch action {
            case .open:
                state.catalogue.searching = false
                let text = catalogue.search["search"].trimmingCharacters(in: .whitespaces)
                var query = catalogue.query
                query.text = text.isEmpty ? nil : text
                query.offset = 0
                return reload(query, &state)
            case .back:
                state.catalogue.searching = false
                state.catalogue.search["search"] = catalogue.query.text ?? ""
                return []
            case .search:
                return []
            default:
                state.catalogue.searching = false
            }
        }
        if let row = ListSelection.row(after: action, from: catalogue.selection, count: count) {
            state.catalogue.selection = row
            return []
        }
        switch action {
        case .previousTab, .nextTab:
            let tabs = catalogue.tabTitles.count
            let tab = (catalogue.tab + (action == .nextTab ? 1 : tabs - 1)) % tabs
            state.catalogue.tab = tab
            var query = catalogue.query
            query.category = tab == 0 ? nil : catalogue.categories[tab - 1].id
            query.offset = 0
            return reload(query, &state)
        case .nextPage, .previousPage:
            guard let page = catalogue.page else { return [] }
            var query = catalogue.query
            query.offset = action == .nextPage ? page.offset + page.limit : max(0, page.offset - page.limit)
            guard query.offset != page.offset, query.offset < page.total else { return [] }
            return reload(query, &state)
        case .open:
            guard let product = catalogue.selected else { return [] }
            return ProductScreen.open(product, &state)
        case .add:
            guard let product = catalogue.selected else { return [] }
            return CartUpdates.add(product, &state)
        case .search:
            state.catalogue.searching = true
            return []
        default:
            return nil
        }
    }

    /// What the catalogue needs when it opens.
    static func load(_ state: inout AppState) -> [Command] {
        var commands: [Command] = []
        if state.catalogue.categories.isEmpty, !state.isInFlight({ $0 == .categories }) {
            commands.append(state.send(.categories))
        }
        let query = state.catalogue.query
        if state.catalogue.page == nil, !state.isInFlight({ $0 == .products(query) }) {
            commands.append(state.send(.products(query)))
        }
        return commands
    }

    static func reload(_ query: ProductQuery, _ state: inout AppState) -> [Command] {
        state.catalogue.query = query
        guard !state.isInFlight({ $0 == .products(query) }) else { return [] }
        return [state.send(.products(query))]
    }

    static func received(_ request: APIRequest, _ result: Result<APIResponse, APIError>,
                         _ state: inout AppState) -> [Command] {
        switch (request, result) {
        case (.categories, .success(.categories(let categories))):
            state.catalogue.categories = categories
        case (.products(let query), .success(.products(let page))) where query.featured:
            state.home.featured = page.items
            state.home.loaded = true
            state.home.selection = min(state.home.selection, max(0, page.items.count - 1))
        case (.products(let query), .success(.products(let page))):
            guard query == state.catalogue.query else { return [] }
            let samePage = state.catalogue.page.map { $0.offset == page.offset } ?? false
            state.catalogue.page = page
            state.catalogue.selection = samePage ? min(state.catalogue.selection, max(0, page.items.count - 1)) : 0
        case (.product(let id), .success(.product(let product))):
            if state.product.product?.id == id { state.product.product = product }
        case (_, .failure(let error)) where !error.isConnectivity:
            state.show(error.userMessage, .error)
        default:
            break
        }
        return []
    }
}
