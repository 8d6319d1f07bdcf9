import Foundation

/// SQLite's FTS5 with its trigram tokenizer (case-sensitive, as the text is
/// folded before it is indexed), keeping only which products hold each
/// trigram (`detail = 'none'`: less than half the work of keeping positions,
/// the most of a large import's time). A word of three or more characters
/// narrows the products down to those holding a few of its trigrams, and
/// `instr` on the folded text keeps exactly those that contain it; a word of
/// one or two characters becomes the trigrams of the index that begin with
/// it, read from the index's vocabulary, which is exact as it is. The index
/// is contentless (it keeps no copy of the text); `ProductWriter` keeps it in
/// step with `products`, or an import rebuilds it at its end.
struct FullTextSearch: ProductSearchIndex {
    let version = "fts5-trigram-2"

    func createSchema(in db: SQLDatabase) throws {
        try db.execute("""
            CREATE VIRTUAL TABLE IF NOT EXISTS product_search USING fts5(
                text, tokenize = 'trigram case_sensitive 1', content = '', detail = 'none', columnsize = 0);
            CREATE VIRTUAL TABLE IF NOT EXISTS product_search_terms USING fts5vocab(product_search, 'row');
            """)
    }

    /// Adds a product's text under its row id. Run by `ProductWriter` as a
    /// statement of its own, not from a trigger: inside a trigger FTS5 writes
    /// its pending terms to disk after every row, six times slower in bulk.
    static let insertSQL = "INSERT INTO product_search (rowid, text) VALUES (?, ?)"
    /// Takes a product's text out: a contentless index must be told the text it holds.
    static let deleteSQL = "INSERT INTO product_search (product_search, rowid, text) VALUES ('delete', ?, ?)"

    /// Drops and creates the index anew, so a database whose index was made another way gets this one.
    func rebuild(in db: SQLDatabase) throws {
        try db.execute("DROP TABLE IF EXISTS product_search_terms; DROP TABLE IF EXISTS product_search;")
        try createSchema(in: db)
        try holdMoreTermsInMemory(in: db)
        try db.run(Self.rebuildSQL)
    }

    /// Every product's text in row id order, from the table itself: read through the index that
    /// holds the texts in the listing's order, the row ids came out of order, and FTS5 wrote out a
    /// segment for nearly every row (a million-line import took three times as long).
    static let rebuildSQL = "INSERT INTO product_search (rowid, text) SELECT rowid, search_text || char(10, 10) FROM products NOT INDEXED"

    /// Nothing to do: `ProductWriter` writes the index with each row, by the row's id.
    func indexed(_ products: [(id: String, searchText: String)], in db: SQLDatabase) throws {}

    func filter(_ terms: [String], in db: SQLDatabase) throws -> SearchFilter? {
        var parts: [String] = []
        var checked: [String] = []
        for term in terms {
            let trigrams = Trigrams.of(term)
            if !trigrams.isEmpty {
                parts += Trigrams.spread(trigrams, count: Trigrams.perWord).map(Self.quoted)
                checked.append(term)
                continue
            }
            let beginning = try db.query("SELECT term FROM product_search_terms WHERE term >= ? AND term < ?",
                                         term, Self.upperBound(ofPrefix: term)).map { $0.string("term") }
            guard !beginning.isEmpty else { return nil }
            parts.append("(" + beginning.map(Self.quoted).joined(separator: " OR ") + ")")
        }
        let expression = parts.joined(separator: " AND ")
        let condition = "product_search MATCH ?" + String(repeating: " AND instr(search_text, ?) > 0", count: checked.count)
        return SearchFilter(tables: Self.joined, condition: condition, arguments: [expression] + checked)
    }

    /// Counted in the index alone (its lists of products, a few bytes each), without a product's row.
    func candidates(_ terms: [String], in db: SQLDatabase) throws -> Int? {
        let trigrams = terms.flatMap { Trigrams.spread(Trigrams.of($0), count: Trigrams.perWord) }
        guard !trigrams.isEmpty else { return nil }
        return try db.queryOne("SELECT COUNT(*) AS n FROM product_search WHERE product_search MATCH ?",
                               trigrams.map(Self.quoted).joined(separator: " AND "))?.int("n")
    }

    /// A text greater than every text that starts with `prefix` (the vocabulary compares bytes).
    static func upperBound(ofPrefix prefix: String) -> String { prefix + "\u{10FFFF}" }

    /// The products the index finds, each looked up by its row id as the index gives it. CROSS JOIN
    /// keeps SQLite from putting the products first; `rowid IN (SELECT …)` cost a third more, as
    /// SQLite gathered the row ids into a temporary index before looking the rows up.
    static let joined = "product_search CROSS JOIN products ON products.rowid = product_search.rowid"

    /// A string of FTS5's query language: quoted, quotes doubled.
    static func quoted(_ text: String) -> String {
        "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
