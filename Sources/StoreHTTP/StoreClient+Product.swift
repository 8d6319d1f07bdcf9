import StoreWire

extension StoreClient {
    public func categories() throws -> [Category] {
        try json.call(HTTPRequest(.get, "/product/v1/categories"), as: ListAnswer<Category>.self).elements
    }

    public func products(_ query: ProductQuery) throws -> ProductPage {
        try json.call(HTTPRequest(.get, "/product/v1/products", query: Self.queryItems(query)))
    }

    public func product(id: String) throws -> Product {
        try json.call(HTTPRequest(.get, URLEncoding.path("product", "v1", "products", id)))
    }

    static func queryItems(_ query: ProductQuery) -> [(String, String)] {
        var items: [(String, String)] = []
        if let category = query.category, !category.isEmpty { items.append(("category", category)) }
        if let text = query.text, !text.isEmpty { items.append(("q", text)) }
        if query.featured { items.append(("featured", "true")) }
        items.append(("limit", String(query.limit)))
        items.append(("offset", String(query.offset)))
        return items
    }
}
