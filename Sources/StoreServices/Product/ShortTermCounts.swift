import Foundation

/// How many products of each category contain each run of one or two
/// characters (Unicode scalars) of their folded text, kept by every write.
/// A search for a word that short gets its total from here instead of from
/// every trigram of the index that begins with it (tens of thousands of them
/// for "e" in a large catalogue), and the count tells the search whether to
/// read the catalogue in order or to go through the index.
enum ShortTermCounts {
    /// The longest word, in Unicode scalars, counted here; longer ones have trigrams of their own.
    static let longest = 2
    /// Changes whenever the counts are kept differently, so they are counted anew once.
    static let version = "short-terms-1"

    static func createSchema(in db: SQLDatabase) throws {
        // Binary comparison: the text is folded already, and "E" must not count as "e".
        let term = db.dialect == .sqlite ? "TEXT" : "VARCHAR(2) COLLATE utf8mb4_bin"
        try db.execute("""
            CREATE TABLE IF NOT EXISTS product_short_terms (
                term \(term) NOT NULL,
                category \(db.dialect.key) NOT NULL,
                products \(db.dialect.integer) NOT NULL,
                PRIMARY KEY (term, category)
            )
            """)
    }

    static func isShort(_ term: String) -> Bool { term.unicodeScalars.count <= longest }

    /// Products containing `term`, in `category` or in all.
    static func count(_ term: String, category: String?, in db: SQLDatabase) throws -> Int {
        var sql = "SELECT SUM(products) AS n FROM product_short_terms WHERE term = ?"
        var arguments: [SQLBindable?] = [term]
        if let category {
            sql += " AND category = ?"
            arguments.append(category)
        }
        return try db.query(sql, arguments: arguments).first?.int("n") ?? 0
    }

    /// Adds `tally` to the counts.
    static func add(_ tally: Tally, in db: SQLDatabase) throws {
        let rows = tally.rows
        let add = db.dialect.upsert(conflictKey: ["term", "category"],
                                    assigning: ["products = products + \(db.dialect.inserted("products"))"])
        for chunk in rows.chunked(into: 300) {
            let values = Array(repeating: "(?, ?, ?)", count: chunk.count).joined(separator: ", ")
            try db.run("INSERT INTO product_short_terms (term, category, products) VALUES \(values) \(add)",
                       arguments: chunk.flatMap { [$0.term, $0.category, $0.products] as [SQLBindable?] })
        }
    }

    /// Counts anew from every product's search text.
    static func rebuild(in db: SQLDatabase) throws {
        try db.run("DELETE FROM product_short_terms")
        var tally = Tally()
        for row in try db.query("SELECT category, search_text FROM products") {
            tally.add(row.string("search_text"), category: row.string("category"))
        }
        try add(tally, in: db)
    }

    /// Changes to the counts, gathered in memory: runs of one or two scalars packed
    /// into a number each (cheaper to gather than text), by category.
    struct Tally: Sendable {
        private var byCategory: [String: [UInt64: Int]] = [:]

        init() {}

        /// The counts of the products `rows` write.
        init(_ rows: [ProductRow]) {
            for row in rows { add(row.searchText, category: row.product.category) }
        }

        /// Counts each distinct run in `searchText` once, `by` (+1 for a product written, −1 for one replaced).
        mutating func add(_ searchText: String, category: String, by step: Int = 1) {
            var runs: [UInt64] = []
            var previous: UInt32?
            for scalar in searchText.unicodeScalars {
                // A word never holds white space (a query is split at it), so no run that holds it is counted.
                guard !scalar.properties.isWhitespace else {
                    previous = nil
                    continue
                }
                runs.append(UInt64(scalar.value))
                if let previous { runs.append(UInt64(previous) << 21 | UInt64(scalar.value) | 1 << 42) }
                previous = scalar.value
            }
            runs.sort()
            var counts = byCategory[category, default: [:]]
            byCategory[category] = nil
            var last: UInt64?
            for run in runs where run != last {
                counts[run, default: 0] += step
                last = run
            }
            byCategory[category] = counts
        }

        mutating func add(_ other: Tally) {
            for (category, counts) in other.byCategory {
                byCategory[category, default: [:]].merge(counts, uniquingKeysWith: +)
            }
        }

        /// The changes that are not nothing, as rows of the table.
        var rows: [(term: String, category: String, products: Int)] {
            byCategory.flatMap { category, counts in
                counts.compactMap { run, products in
                    products == 0 ? nil : (Self.text(of: run), category, products)
                }
            }
            .sorted { ($0.term, $0.category) < ($1.term, $1.category) }
        }

        private static func text(of run: UInt64) -> String {
            var text = String.UnicodeScalarView()
            let mask: UInt64 = (1 << 21) - 1
            let scalars = run & (1 << 42) == 0 ? [run & mask] : [run >> 21 & mask, run & mask]
            for value in scalars { if let scalar = Unicode.Scalar(UInt32(value)) { text.append(scalar) } }
            return String(text)
        }
    }
}
