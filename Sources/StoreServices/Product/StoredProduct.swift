import Foundation
import StoreWire

/// A product row as read from `products`, its attributes still the JSON text
/// stored: an answer carries that text as it is when it is already what the
/// encoder would write, so the attributes of a product are decoded only for
/// callers that need them as values.
struct StoredProduct {
    /// Every field but the attributes, which are empty here.
    let fields: Product
    let attributesJSON: String

    init(_ row: SQLRow) {
        fields = Product(id: row.string("id"), name: row.string("name"), description: row.string("description"),
                         category: row.string("category"), kind: ProductKind(rawValue: row.string("kind")) ?? .physical,
                         price: Money(row.int("price"), row.string("currency")), stock: row.int("stock"))
        attributesJSON = row.string("attributes")
    }

    /// The product with its attributes decoded; a text that is not a list of
    /// attributes reads as none.
    var product: Product {
        var product = fields
        product.attributes = Self.attributes(attributesJSON)
        return product
    }

    /// Writes the product as `SortedJSONEncoder` writes the decoded product.
    func write(into output: inout JSONOutput) {
        output.product(fields) { output in
            if !output.attributes(storedJSON: attributesJSON) { output.attributes(Self.attributes(attributesJSON)) }
        }
    }

    private static func attributes(_ json: String) -> [ProductAttribute] {
        (try? JSONDecoder().decode([ProductAttribute].self, from: Data(json.utf8))) ?? []
    }
}
