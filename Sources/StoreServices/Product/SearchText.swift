import Foundation
import StoreWire

/// Case- and accent-insensitive forms of names, so that "les miserables"
/// finds "Les Misérables" and "élan" sorts beside "Elan".
enum SearchText {
    static func fold(_ text: String) -> String {
        text.folding(options: [.caseInsensitive, .diacriticInsensitive, .widthInsensitive], locale: nil)
    }

    /// The key the listing is ordered by.
    static func sortKey(_ product: Product) -> String { fold(product.name) }

    /// Everything a keyword may match: name, description and attribute values
    /// (not attribute names, or "author" would match every book).
    static func haystack(_ product: Product) -> String {
        fold(([product.name, product.description] + product.attributes.map(\.value)).joined(separator: "\n"))
    }

    /// The words of a query, folded; empty when there is nothing to search for.
    static func terms(_ query: String) -> [String] {
        fold(query).split(whereSeparator: { $0.isWhitespace }).map(String.init)
    }
}
