import Foundation

/// How the catalogue finds the products whose folded text (`SearchText.haystack`)
/// contains every word of a query, by any part of it, with an index instead
/// of reading every product: SQLite's FTS5 (`FullTextSearch`) or a table of
/// trigrams on MariaDB (`TrigramSearch`).
///
/// Both index trigrams — every three consecutive characters — of the text
/// with two line breaks appended, so that every one- or two-character part
/// of the text also begins a trigram: a word of three or more characters is
/// found by its trigrams, a shorter one by the trigrams that begin with it.
protocol ProductSearchIndex: Sendable {
    /// Changes whenever the index is built differently, so an older one is rebuilt once.
    var version: String { get }
    func createSchema(in db: SQLDatabase) throws
    /// Builds the index anew from the products' `search_text`.
    func rebuild(in db: SQLDatabase) throws
    /// Brings the index up to date after `products` were written (id → search text).
    func indexed(_ products: [(id: String, searchText: String)], in db: SQLDatabase) throws
    /// The condition on `products` that keeps the rows containing every term,
    /// or nil when no product can match.
    func filter(_ terms: [String], in db: SQLDatabase) throws -> SearchFilter?
    /// How many products hold the trigrams `filter` looks `terms` (words of three or more
    /// characters) up by: at least as many as contain the words, exactly as many for one word of
    /// three characters. Nil when the index cannot tell without reading the products.
    func candidates(_ terms: [String], in db: SQLDatabase) throws -> Int?
}

/// A search as a condition on `products`, or on the products joined to a search index.
struct SearchFilter {
    static let products = "products"
    /// What the condition reads from (a `FROM` clause): `products` unless it is joined to an index.
    var tables = SearchFilter.products
    var condition: String
    var arguments: [SQLBindable?]

    /// Both conditions, read from the tables of whichever is joined to an index.
    func and(_ other: SearchFilter) -> SearchFilter {
        let tables = tables == Self.products ? other.tables : tables
        guard !condition.isEmpty else { return SearchFilter(tables: tables, condition: other.condition, arguments: other.arguments) }
        guard !other.condition.isEmpty else { return SearchFilter(tables: tables, condition: condition, arguments: arguments) }
        return SearchFilter(tables: tables, condition: condition + " AND " + other.condition, arguments: arguments + other.arguments)
    }
}

extension ProductSearchIndex {
    /// The text the index holds for `searchText`: see the type's comment.
    static func indexedText(_ searchText: String) -> String { searchText + "\n\n" }
}

/// The runs of three characters both indexes are built of.
enum Trigrams {
    /// Enough of a word's trigrams to narrow it down; more cost lookups without narrowing much.
    static let perWord = 4

    /// The distinct runs of three characters (Unicode scalars, as the column counts them) in `text`, in order.
    static func of(_ text: String) -> [String] {
        let scalars = Array(text.unicodeScalars)
        guard scalars.count >= 3 else { return [] }
        var seen = Set<String>()
        var found: [String] = []
        for start in 0...(scalars.count - 3) {
            var trigram = String.UnicodeScalarView()
            trigram.append(contentsOf: scalars[start..<start + 3])
            let text = String(trigram)
            if seen.insert(text).inserted { found.append(text) }
        }
        return found
    }

    /// Up to `count` of `items`, first and last included, evenly apart.
    static func spread<T>(_ items: [T], count: Int) -> [T] {
        guard items.count > count, count > 1 else { return items }
        return (0..<count).map { items[$0 * (items.count - 1) / (count - 1)] }
    }
}
