import Foundation

/// Search on MariaDB: a table of each product's distinct trigrams, its key
/// (trigram, product) an index. MariaDB's own FULLTEXT finds whole words and
/// word beginnings only and does not split CJK text into words (its ngram
/// parser is MySQL's), so it could not find "miserables" inside "lesmiserables"
/// or 体 inside 三体; the trigram table finds any part, as SQLite's index does.
/// A word's trigrams (or, for one or two characters, the trigrams beginning
/// with it) narrow the products down through the index, and `INSTR` on the
/// folded text then keeps exactly those that contain the word.
struct TrigramSearch: ProductSearchIndex {
    let version = "trigram-table-1"
    /// Rows per INSERT: one round trip for many rows, well under the server's packet size.
    static let rowsPerInsert = 1000

    func createSchema(in db: SQLDatabase) throws {
        try db.execute("""
            CREATE TABLE IF NOT EXISTS product_trigrams (
                trigram VARCHAR(3) COLLATE utf8mb4_nopad_bin NOT NULL,
                product_id \(db.dialect.key) NOT NULL,
                PRIMARY KEY (trigram, product_id),
                KEY product_trigrams_by_product (product_id)
            )
            """)
    }

    func rebuild(in db: SQLDatabase) throws {
        try db.run("DELETE FROM product_trigrams")
        let rows = try db.query("SELECT id, search_text FROM products")
        try insert(rows.map { (id: $0.string("id"), searchText: $0.string("search_text")) }, in: db)
    }

    func indexed(_ products: [(id: String, searchText: String)], in db: SQLDatabase) throws {
        for batch in products.chunked(into: Self.rowsPerInsert) {
            try db.run("DELETE FROM product_trigrams WHERE product_id IN (" + Array(repeating: "?", count: batch.count).joined(separator: ", ") + ")",
                       arguments: batch.map(\.id))
        }
        try insert(products, in: db)
    }

    private func insert(_ products: [(id: String, searchText: String)], in db: SQLDatabase) throws {
        var pending: [SQLBindable?] = []
        func flush() throws {
            guard !pending.isEmpty else { return }
            let rows = Array(repeating: "(?, ?)", count: pending.count / 2).joined(separator: ", ")
            try db.run("\(db.dialect.insertOrIgnore) INTO product_trigrams (trigram, product_id) VALUES " + rows, arguments: pending)
            pending.removeAll(keepingCapacity: true)
        }
        for product in products {
            for trigram in Trigrams.of(Self.indexedText(product.searchText)) {
                pending += [trigram, product.id]
                if pending.count >= 2 * Self.rowsPerInsert { try flush() }
            }
        }
        try flush()
    }

    func filter(_ terms: [String], in db: SQLDatabase) throws -> SearchFilter? {
        var conditions: [String] = []
        var arguments: [SQLBindable?] = []
        let lookup = "products.id IN (SELECT product_id FROM product_trigrams WHERE "
        for term in terms {
            let trigrams = Trigrams.of(term)
            if trigrams.isEmpty {
                // The column's collation is NO PAD: under the schema's PAD SPACE one, "ab\n"
                // sorts below "ab" and falls out of the index range of LIKE 'ab%'.
                conditions.append(lookup + "trigram LIKE ?)")
                arguments.append(Self.escapedForLike(term) + "%")
            } else {
                for trigram in Trigrams.spread(trigrams, count: Trigrams.perWord) {
                    conditions.append(lookup + "trigram = ?)")
                    arguments.append(trigram)
                }
            }
            conditions.append("INSTR(search_text, ?) > 0")
            arguments.append(term)
        }
        return SearchFilter(condition: conditions.joined(separator: " AND "), arguments: arguments)
    }

    /// Counting a trigram's products reads its rows of the table: as many as the products.
    func candidates(_ terms: [String], in db: SQLDatabase) throws -> Int? { nil }

    /// `text` matching itself only in a LIKE pattern (backslash is MariaDB's escape character).
    static func escapedForLike(_ text: String) -> String {
        var escaped = ""
        for character in text {
            if character == "\\" || character == "%" || character == "_" { escaped.append("\\") }
            escaped.append(character)
        }
        return escaped
    }
}

extension Array {
    func chunked(into size: Int) -> [ArraySlice<Element>] {
        stride(from: 0, to: count, by: size).map { self[$0..<Swift.min($0 + size, count)] }
    }
}
