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

    /// Changes to the counts, gathered in memory by category: runs of ASCII characters (nearly all of
    /// a catalogue's) in a table indexed by the characters themselves, others packed into a number
    /// each (cheaper to gather than text). Working out the runs of an import's texts took longer than
    /// decoding its JSON while every run went through a dictionary after a sort.
    struct Tally: Sendable {
        /// By category: the change for each run of ASCII characters, at the run's place in `asciiRuns`.
        private var ascii: [String: [Int32]] = [:]
        /// By category: the change for each run holding a character beyond ASCII.
        private var other: [String: [UInt64: Int]] = [:]
        /// Which text last counted each ASCII run, so that a text counts a run once however often it holds it.
        private var countedBy: [Int] = []
        private var texts = 0

        /// Room for a run of one ASCII character (its value) and of two (128 + first × 128 + second).
        private static let asciiRuns = 128 + 128 * 128

        init() {}

        /// The counts of the products `rows` write.
        init(_ rows: [ProductRow]) {
            for row in rows { add(row.searchText, category: row.product.category) }
        }

        /// Counts each distinct run in `searchText` once, `by` (+1 for a product written, −1 for one replaced).
        mutating func add(_ searchText: String, category: String, by step: Int = 1) {
            texts += 1
            let text = texts
            var counted = countedBy
            countedBy = []
            if counted.isEmpty { counted = Array(repeating: 0, count: Self.asciiRuns) }
            var counts = ascii.removeValue(forKey: category) ?? Array(repeating: 0, count: Self.asciiRuns)
            var wide: [UInt64] = []
            let delta = Int32(step)
            var previous: UInt32?
            for scalar in searchText.unicodeScalars {
                let value = scalar.value
                // A word never holds white space (a query is split at it), so no run that holds it is counted.
                guard value < 0x80 ? !Self.isASCIIWhitespace(value) : !scalar.properties.isWhitespace else {
                    previous = nil
                    continue
                }
                if value < 0x80 {
                    if counted[Int(value)] != text {
                        counted[Int(value)] = text
                        counts[Int(value)] += delta
                    }
                } else {
                    wide.append(UInt64(value))
                }
                if let previous {
                    if previous < 0x80, value < 0x80 {
                        let index = 128 + Int(previous) << 7 | Int(value)
                        if counted[index] != text {
                            counted[index] = text
                            counts[index] += delta
                        }
                    } else {
                        wide.append(UInt64(previous) << 21 | UInt64(value) | 1 << 42)
                    }
                }
                previous = value
            }
            ascii[category] = counts
            countedBy = counted
            guard !wide.isEmpty else { return }
            wide.sort()
            var others = other.removeValue(forKey: category) ?? [:]
            var last: UInt64?
            for run in wide where run != last {
                others[run, default: 0] += step
                last = run
            }
            other[category] = others
        }

        /// What `Unicode.Scalar.Properties.isWhitespace` says of an ASCII character, without its table look-up.
        private static func isASCIIWhitespace(_ value: UInt32) -> Bool {
            value == 0x20 || (0x09...0x0D).contains(value)
        }

        /// The changes that are not nothing, as rows of the table.
        var rows: [(term: String, category: String, products: Int)] {
            var rows: [(term: String, category: String, products: Int)] = []
            for (category, counts) in ascii {
                for (index, products) in counts.enumerated() where products != 0 {
                    rows.append((Self.text(ofASCIIRun: index), category, Int(products)))
                }
            }
            for (category, counts) in other {
                for (run, products) in counts where products != 0 {
                    rows.append((Self.text(of: run), category, products))
                }
            }
            return rows.sorted { ($0.term, $0.category) < ($1.term, $1.category) }
        }

        private static func text(ofASCIIRun index: Int) -> String {
            let scalars = index < 128 ? [index] : [(index - 128) >> 7, (index - 128) & 127]
            return String(decoding: scalars.map { UInt8($0) }, as: UTF8.self)
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
