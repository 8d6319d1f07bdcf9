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
        output.product(fields, attributes: writeAttributes)
    }

    /// `write(into:)` up to the stock's value (see `ProductAnswers`).
    func writeBeforeStock(into output: inout JSONOutput) {
        output.productBeforeStock(fields, attributes: writeAttributes)
    }

    private func writeAttributes(into output: inout JSONOutput) {
        if !output.attributes(storedJSON: attributesJSON) { output.attributes(Self.attributes(attributesJSON)) }
    }

    private static func attributes(_ json: String) -> [ProductAttribute] {
        decoded.attributes(json)
    }

    /// Carts and orders read the same few products again and again, and
    /// decoding their attributes was a sixth of a cart change's time.
    private static let decoded = DecodedAttributes(limit: 4_096)
}

/// Attribute lists decoded from their stored text, kept by that text: the
/// same text always decodes to the same list, so a kept one is never stale.
private final class DecodedAttributes: @unchecked Sendable {
    private let limit: Int
    private let lock = NSLock()
    private var lists: [String: [ProductAttribute]] = [:]

    init(limit: Int) { self.limit = limit }

    func attributes(_ json: String) -> [ProductAttribute] {
        lock.lock()
        let kept = lists[json]
        lock.unlock()
        if let kept { return kept }
        let list = (try? JSONDecoder().decode([ProductAttribute].self, from: Data(json.utf8))) ?? []
        lock.lock()
        // Starting again when full keeps the memory bounded without tracking use.
        if lists.count >= limit { lists.removeAll(keepingCapacity: true) }
        lists[json] = list
        lock.unlock()
        return list
    }
}
