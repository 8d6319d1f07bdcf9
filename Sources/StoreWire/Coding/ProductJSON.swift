/// Products and pages of them written field by field, in the bytes
/// `SortedJSONEncoder` writes for `Product` and `ProductPage` through their
/// `Codable` conformances (keys in sorted order), without building a tree
/// of the value first: they are the answers the catalogue writes most.
extension JSONOutput {
    public mutating func product(_ product: Product) {
        self.product(product) { $0.attributes(product.attributes) }
    }

    /// `product` with its attributes written by `attributes` (the product's own are not read).
    public mutating func product(_ product: Product, attributes: (inout JSONOutput) -> Void) {
        productBeforeStock(product, attributes: attributes)
        productStock(product.stock)
    }

    /// `product(_:attributes:)` up to its stock's value, the last key's: what stays the
    /// same while only the stock changes, finished by `productStock`.
    public mutating func productBeforeStock(_ product: Product, attributes: (inout JSONOutput) -> Void) {
        raw("{\"attributes\":")
        attributes(&self)
        raw(",\"category\":")
        string(product.category)
        raw(",\"description\":")
        string(product.description)
        raw(",\"id\":")
        string(product.id)
        raw(",\"kind\":")
        string(product.kind.rawValue)
        raw(",\"name\":")
        string(product.name)
        raw(",\"price\":")
        money(product.price)
        raw(",\"stock\":")
    }

    /// The stock and the end of a product begun by `productBeforeStock`.
    public mutating func productStock(_ stock: Int) {
        integer(stock)
        raw("}")
    }

    public mutating func attributes(_ attributes: [ProductAttribute]) {
        raw("[")
        for (index, attribute) in attributes.enumerated() {
            raw(index == 0 ? "{\"name\":" : ",{\"name\":")
            string(attribute.name)
            raw(",\"value\":")
            string(attribute.value)
            raw("}")
        }
        raw("]")
    }

    /// Appends attributes kept as JSON text when the text is what `attributes(_:)`
    /// would write for them; returns false, appending nothing, when it is not.
    public mutating func attributes(storedJSON: String) -> Bool {
        appendIfCanonical(objectsOfStrings: storedJSON, keys: ["name", "value"])
    }

    /// A `ProductPage` whose items are written by `item`, one for each of `items`. Inlinable, so it is
    /// made for the caller's item type: as a generic across modules it looked up type metadata for
    /// every item, which took a lock each time.
    @inlinable
    public mutating func page<Item>(_ items: [Item], total: Int, limit: Int, offset: Int,
                                    item: (Item, inout JSONOutput) -> Void) {
        raw("{\"items\":[")
        for (index, element) in items.enumerated() {
            if index > 0 { raw(",") }
            item(element, &self)
        }
        raw("],\"limit\":")
        integer(limit)
        raw(",\"offset\":")
        integer(offset)
        raw(",\"total\":")
        integer(total)
        raw("}")
    }
}
