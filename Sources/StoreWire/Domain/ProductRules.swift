/// What makes a product acceptable to the catalogue: the one rule for every
/// product the services store, whether seeded or imported, and the limits the
/// API document publishes for the `Product` schema.
public enum ProductRules {
    /// Ids appear in paths (`/product/v1/products/{id}`), so they keep to characters a URL carries as they are.
    public static let idCharacters = "letters, digits, '-', '_' and '.'"
    /// Category ids are the upper-case codes of `?category=`.
    public static let categoryCharacters = "upper-case letters, digits, '-' and '_'"
    /// Enough for any real price in minor units, and far from `Int` overflow when
    /// multiplied by a cart's largest quantity and summed over its lines.
    public static let maxPrice = 1_000_000_000
    public static let maxStock = 1_000_000_000
    public static let maxAttributes = 32
    /// The store prices in one currency; a cart cannot add up prices in two.
    public static let currency = "NZD"

    /// A product's first problem: the field, named as in its JSON
    /// (`price.amount`, `attributes[2].value`), and what it must be; nil when it may be stored.
    public static func problem(in product: Product) -> (field: String, message: String)? {
        if let message = identifierProblem(product.id, allowed: isIDCharacter, described: idCharacters) {
            return ("id", message)
        }
        if let problem = textProblem(product.name, limit: TextLimits.productName, required: true) { return ("name", problem) }
        if let problem = textProblem(product.description, limit: TextLimits.productDescription, required: false) {
            return ("description", problem)
        }
        if let message = identifierProblem(product.category, allowed: isCategoryCharacter, described: categoryCharacters) {
            return ("category", message)
        }
        guard (0...maxPrice).contains(product.price.amount) else {
            return ("price.amount", "must be a whole number of cents from 0 to \(maxPrice)")
        }
        guard product.price.currency == currency else { return ("price.currency", "must be \(currency)") }
        switch product.kind {
        case .physical:
            guard (0...maxStock).contains(product.stock) else { return ("stock", "must be a whole number from 0 to \(maxStock)") }
        case .digital:
            guard product.stock == 0 else { return ("stock", "must be 0 for a digital product (it has no stock)") }
        }
        guard product.attributes.count <= maxAttributes else { return ("attributes", "must have at most \(maxAttributes) entries") }
        for (index, attribute) in product.attributes.enumerated() {
            if let problem = textProblem(attribute.name, limit: TextLimits.attributeName, required: true) {
                return ("attributes[\(index)].name", problem)
            }
            if let problem = textProblem(attribute.value, limit: TextLimits.attributeValue, required: false) {
                return ("attributes[\(index)].value", problem)
            }
        }
        return nil
    }

    private static func textProblem(_ value: String, limit: Int, required: Bool) -> String? {
        if required, value.allSatisfy(\.isWhitespace) { return "must not be empty" }
        switch TextRules.problem(in: value, limit: limit) {
        case .invalidCharacters?: return "must be one line without control characters"
        case .tooLong(let limit)?: return "must be at most \(limit) characters"
        case nil: return nil
        }
    }

    private static func identifierProblem(_ value: String, allowed: (Unicode.Scalar) -> Bool, described: String) -> String? {
        guard !value.isEmpty, value.unicodeScalars.count <= TextLimits.identifier, value.unicodeScalars.allSatisfy(allowed) else {
            return "must be 1 to \(TextLimits.identifier) \(described)"
        }
        return nil
    }

    static func isIDCharacter(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar {
        case "a"..."z", "A"..."Z", "0"..."9", "-", "_", ".": return true
        default: return false
        }
    }

    static func isCategoryCharacter(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar {
        case "A"..."Z", "0"..."9", "-", "_": return true
        default: return false
        }
    }
}
