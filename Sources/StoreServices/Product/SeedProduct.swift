import StoreWire

/// A product of the starter catalogue, with the flag the home page uses.
struct SeedProduct {
    var product: Product
    var featured: Bool

    /// A book. E-book formats make it digital; digital products carry no stock.
    static func book(_ id: String, _ name: String, author: String, publisher: String, isbn: String, pages: Int,
                     format: String, price: Int, stock: Int = 0, featured: Bool = false,
                     _ description: String) -> SeedProduct {
        let digital = format.hasPrefix("E-book")
        let attributes = [ProductAttribute("Author", author), ProductAttribute("Publisher", publisher),
                          ProductAttribute("ISBN", isbn), ProductAttribute("Pages", String(pages)),
                          ProductAttribute("Format", format)]
        return SeedProduct(product: Product(id: id, name: name, description: description, category: "BOOKS",
                                            kind: digital ? .digital : .physical, price: Money(price),
                                            stock: digital ? 0 : stock, attributes: attributes),
                           featured: featured)
    }

    /// A computer, peripheral or piece of software.
    static func computer(_ id: String, _ name: String, kind: ProductKind = .physical, price: Int, stock: Int = 0,
                         featured: Bool = false, _ attributes: KeyValuePairs<String, String>,
                         _ description: String) -> SeedProduct {
        SeedProduct(product: Product(id: id, name: name, description: description, category: "COMPUTERS",
                                     kind: kind, price: Money(price), stock: kind == .digital ? 0 : stock,
                                     attributes: attributes.map { ProductAttribute($0.key, $0.value) }),
                    featured: featured)
    }
}
