/// The home screen: welcome, featured products, and the latest order confirmation.
public struct HomeState: Hashable, Sendable {
    public var featured: [Product] = []
    public var loaded = false
    public var selection = 0
    /// A notice that stays on the home screen (e.g. the order confirmation).
    public var banner: Notice?
}

public struct CatalogueState: Hashable, Sendable {
    public var categories: [Category] = []
    /// 0 is "All"; n is categories[n - 1].
    public var tab = 0
    public var search = FormState([FormField("search", "Search", maxLength: TextLimits.searchQuery)])
    public var searching = false
    /// The query whose page is shown or being loaded.
    public var query = ProductQuery()
    public var page: ProductPage?
    public var selection = 0

    public var selected: Product? {
        guard let items = page?.items, items.indices.contains(selection) else { return nil }
        return items[selection]
    }
    public var tabTitles: [String] { ["All"] + categories.map(\.name) }
}

public struct ProductState: Hashable, Sendable {
    public var product: Product?
    /// How many `a` adds.
    public var quantity = 1
}

public struct OrdersState: Hashable, Sendable {
    public var list: [Order] = []
    public var loaded = false
    public var selection = 0
    public var detail: Order?
}
