import Foundation
import StoreWire

/// Case- and accent-insensitive forms of names, so that "les miserables"
/// finds "Les Misérables" and "élan" sorts beside "Elan".
enum SearchText {
    /// Changes whenever `sortKey` or `haystack` derive their text differently,
    /// so databases built by an earlier version are recomputed once.
    static let version = 1

    static func fold(_ text: String) -> String {
        // ASCII folds to its lower case; Foundation's folding costs more than the rest of an import together.
        let utf8 = text.utf8
        if utf8.allSatisfy({ $0 < 0x80 }) {
            guard utf8.contains(where: { (0x41...0x5A).contains($0) }) else { return text }
            return String(decoding: utf8.map { (0x41...0x5A).contains($0) ? $0 | 0x20 : $0 }, as: UTF8.self)
        }
        return text.folding(options: [.caseInsensitive, .diacriticInsensitive, .widthInsensitive], locale: nil)
    }

    /// The key the listing is ordered by.
    static func sortKey(_ product: Product) -> String { fold(product.name) }

    /// Everything a keyword may match: name, description and attribute values
    /// (not attribute names, or "author" would match every book).
    /// Folded field by field, the same as folding the whole: no character spans a line break.
    static func haystack(_ product: Product) -> String {
        ([product.name, product.description] + product.attributes.map(\.value)).map(fold).joined(separator: "\n")
    }

    /// The words of a query, folded; empty when there is nothing to search for.
    static func terms(_ query: String) -> [String] {
        fold(query).split(whereSeparator: { $0.isWhitespace }).map(String.init)
    }
}
