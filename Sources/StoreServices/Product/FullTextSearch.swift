import Foundation

/// SQLite's FTS5 with its trigram tokenizer (case-sensitive, as the text is
/// folded before it is indexed): a word of three or more characters is a
/// phrase of trigrams, so a match is exactly a part of the text; a word of
/// one or two characters becomes the trigrams of the index that begin with
/// it, read from the index's vocabulary. The index is contentless (it keeps
/// no copy of the text); `ProductWriter` keeps it in step with `products`.
struct FullTextSearch: ProductSearchIndex {
    let version = "fts5-trigram-1"

    func createSchema(in db: SQLDatabase) throws {
        try db.execute("""
            CREATE VIRTUAL TABLE IF NOT EXISTS product_search USING fts5(
                text, tokenize = 'trigram case_sensitive 1', content = '', detail = 'full');
            CREATE VIRTUAL TABLE IF NOT EXISTS product_search_terms USING fts5vocab(product_search, 'row');
            """)
    }

    /// Adds a product's text under its row id. Run by `ProductWriter` as a
    /// statement of its own, not from a trigger: inside a trigger FTS5 writes
    /// its pending terms to disk after every row, six times slower in bulk.
    static let insertSQL = "INSERT INTO product_search (rowid, text) VALUES (?, ?)"
    /// Takes a product's text out: a contentless index must be told the text it holds.
    static let deleteSQL = "INSERT INTO product_search (product_search, rowid, text) VALUES ('delete', ?, ?)"

    func rebuild(in db: SQLDatabase) throws {
        try db.run("INSERT INTO product_search (product_search) VALUES ('delete-all')")
        try db.run("INSERT INTO product_search (rowid, text) SELECT rowid, search_text || char(10, 10) FROM products")
    }

    /// Nothing to do: `ProductWriter` writes the index with each row, by the row's id.
    func indexed(_ products: [(id: String, searchText: String)], in db: SQLDatabase) throws {}

    func filter(_ terms: [String], in db: SQLDatabase) throws -> SearchFilter? {
        var parts: [String] = []
        for term in terms {
            if term.unicodeScalars.count >= 3 {
                parts.append(Self.quoted(term))
                continue
            }
            let trigrams = try db.query("SELECT term FROM product_search_terms WHERE term >= ? AND term < ?",
                                        term, Self.upperBound(ofPrefix: term)).map { $0.string("term") }
            guard !trigrams.isEmpty else { return nil }
            parts.append("(" + trigrams.map(Self.quoted).joined(separator: " OR ") + ")")
        }
        let expression = parts.joined(separator: " AND ")
        return SearchFilter(
            condition: "products.rowid IN (SELECT rowid FROM product_search WHERE product_search MATCH ?)",
            arguments: [expression],
            count: { try db.queryOne("SELECT COUNT(*) AS n FROM product_search WHERE product_search MATCH ?", expression)?.int("n") ?? 0 })
    }

    /// A text greater than every text that starts with `prefix` (the vocabulary compares bytes).
    static func upperBound(ofPrefix prefix: String) -> String { prefix + "\u{10FFFF}" }

    /// A string of FTS5's query language: quoted, quotes doubled.
    static func quoted(_ text: String) -> String {
        "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
