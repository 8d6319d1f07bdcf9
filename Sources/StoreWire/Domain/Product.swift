public enum ProductKind: String, Codable, Hashable, Sendable {
    case physical
    case digital
}

public struct ProductAttribute: Codable, Hashable, Sendable {
    public var name: String
    public var value: String
    public init(_ name: String, _ value: String) { self.name = name; self.value = value }
}

public struct Product: Codable, Hashable, Sendable, Identifiable {
    public var id: String
    public var name: String
    public var description: String
    public var category: String
    public var kind: ProductKind
    public var price: Money
    public var stock: Int
    /// Ordered details: author, ISBN, pages for books; processor, memory for computers.
    public var attributes: [ProductAttribute]

    public init(id: String, name: String, description: String, category: String, kind: ProductKind,
                price: Money, stock: Int, attributes: [ProductAttribute] = []) {
        self.id = id; self.name = name; self.description = description; self.category = category
        self.kind = kind; self.price = price; self.stock = stock; self.attributes = attributes
    }

    public var inStock: Bool { kind == .digital || stock > 0 }
}

public struct Category: Codable, Hashable, Sendable, Identifiable {
    /// Upper-case code used in queries, e.g. "BOOKS".
    public var id: String
    public var name: String
    public var productCount: Int
    public init(id: String, name: String, productCount: Int) {
        self.id = id; self.name = name; self.productCount = productCount
    }
}

public struct ProductQuery: Codable, Hashable, Sendable {
    public static let pageSize = 25
    public var category: String?
    public var text: String?
    /// Only the products the store features on its home page.
    public var featured: Bool
    public var limit: Int
    public var offset: Int
    public init(category: String? = nil, text: String? = nil, featured: Bool = false,
                limit: Int = ProductQuery.pageSize, offset: Int = 0) {
        self.category = category; self.text = text; self.featured = featured
        self.limit = limit; self.offset = offset
    }
}

/// One page of an alphabetical product listing.
public struct ProductPage: Codable, Hashable, Sendable {
    public var items: [Product]
    public var total: Int
    public var limit: Int
    public var offset: Int
    public init(items: [Product], total: Int, limit: Int, offset: Int) {
        self.items = items; self.total = total; self.limit = limit; self.offset = offset
    }
}

extension ProductKind {
    /// The word every list adds to a digital item's name, so an e-book and
    /// the paperback of one title never look alike (in the shop and in receipts).
    public var listingTag: String? { self == .digital ? "digital" : nil }

    /// `name` with the format tag, cut to `columns` display columns without
    /// ever losing the tag: "The Pragmatic Progr… · digital".
    public func listedName(_ name: String, fitting columns: Int = .max) -> String {
        guard let tag = listingTag else { return DisplayWidth.truncate(name, to: columns) }
        let suffix = " · " + tag
        let room = columns - DisplayWidth.of(suffix)
        guard room >= 4 else { return DisplayWidth.truncate(name + suffix, to: columns) }
        return DisplayWidth.truncate(name, to: room) + suffix
    }
}
