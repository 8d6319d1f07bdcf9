import Foundation
import StoreWire

/// The product service's own database (`products.sqlite`, or its own schema
/// on a MariaDB server): the catalogue, seeded once on first start, and its stock.
/// Start-up does not touch the products: the seed is written once, and the
/// derived sort and search columns only when the way they are derived changes.
public final class ProductStore: ProductCatalog, @unchecked Sendable {
    public static let fileName = "products.sqlite"
    let database: SQLDatabase
    let search: ProductSearchIndex
    /// Each product's answer but its stock, kept (see `ProductAnswers`).
    let answers = ProductAnswers()
    /// Where deep pages of the plain listings start their walk (see `ListingMilestones`).
    var milestones = ListingMilestones()

    /// Opens the database in `dataDirectory`, creating and seeding it when new.
    public convenience init(dataDirectory: URL, seed: Bool = true) throws {
        try self.init(database: SQLiteDatabase(url: dataDirectory.appendingPathComponent(ProductStore.fileName)), seed: seed)
    }

    public init(database: SQLDatabase, seed: Bool = true) throws {
        self.database = database
        search = database.dialect == .sqlite ? FullTextSearch() : TrigramSearch()
        try createSchema()
        try refreshDerivedColumnsIfStale()
        if seed { try seedOnce() }
    }

    private func createSchema() throws {
        let (key, integer) = (database.dialect.key, database.dialect.integer)
        try database.execute("""
            CREATE TABLE IF NOT EXISTS categories (
                id \(key) PRIMARY KEY,
                name TEXT NOT NULL,
                position \(integer) NOT NULL
            );
            CREATE TABLE IF NOT EXISTS products (
                id \(key) PRIMARY KEY,
                name TEXT NOT NULL,
                description TEXT NOT NULL,
                category \(key) NOT NULL REFERENCES categories(id),
                kind \(key) NOT NULL CHECK (kind IN ('physical', 'digital')),
                price \(integer) NOT NULL CHECK (price >= 0),
                currency TEXT NOT NULL,
                stock \(integer) NOT NULL CHECK (stock >= 0),
                featured \(integer) NOT NULL DEFAULT 0,
                attributes TEXT NOT NULL,
                sort_key \(key) NOT NULL,
                search_text TEXT NOT NULL
            );
            CREATE TABLE IF NOT EXISTS catalogue_state (
                name \(key) PRIMARY KEY,
                value TEXT NOT NULL
            );
            """)
        try createListingIndexes(in: database)
        // Kept by every write, so listing and counting never count the products one by one.
        try database.addMissingColumns("categories", ["product_count": "\(integer) NOT NULL DEFAULT 0"])
        try search.createSchema(in: database)
        try ShortTermCounts.createSchema(in: database)
        try createReservationSchema()
    }

    /// The indexes that hold the products in the order of each listing, by name.
    static let listingIndexes = [
        "products_by_name": "products (sort_key, id)",
        "products_by_category": "products (category, sort_key, id)",
        "products_featured": "products (featured, sort_key, id)",
    ]

    /// On SQLite, the listing's order with each product's folded text besides: a search that reads
    /// the listing in order (a common word's, as "体") checks each product's text in the index instead
    /// of looking its row up, about 370 look-ups for a page of "体" in a million products.
    /// (MariaDB indexes only a prefix of a TEXT column.)
    static let searchOrderIndex = ["products_by_name_with_text": "products (sort_key, id, search_text)"]

    /// The listing indexes `db` has: `listingIndexes`, and on SQLite `searchOrderIndex`.
    static func listingIndexes(in db: SQLDatabase) -> [String: String] {
        db.dialect == .sqlite ? listingIndexes.merging(searchOrderIndex) { kept, _ in kept } : listingIndexes
    }

    func createListingIndexes(in db: SQLDatabase) throws {
        for (name, definition) in Self.listingIndexes(in: db).sorted(by: { $0.key < $1.key }) {
            try db.execute("CREATE INDEX IF NOT EXISTS \(name) ON \(definition)")
        }
    }

    /// Drops the listing indexes, for a bulk write that creates them again after it (in one sort each).
    func dropListingIndexes(in db: SQLDatabase) throws {
        for name in Self.listingIndexes(in: db).keys.sorted() {
            try db.execute("DROP INDEX \(name)" + (db.dialect == .sqlite ? "" : " ON products"))
        }
    }

    // MARK: Start-up

    /// Recomputes the sort and search columns and the search index only when
    /// `SearchText.version` differs from the one the database was built with
    /// (a database made by an earlier version), never on an ordinary start.
    private func refreshDerivedColumnsIfStale() throws {
        let derived = "\(SearchText.version)/\(search.version)/\(ShortTermCounts.version)"
        guard try state("derived") != derived else { return }
        try database.transaction { db in
            guard try state("derived", in: db) != derived else { return }
            for row in try db.query("SELECT * FROM products") {
                let product = Self.product(row)
                let (sortKey, haystack) = (SearchText.sortKey(product), SearchText.haystack(product))
                guard sortKey != row.string("sort_key") || haystack != row.string("search_text") else { continue }
                try db.run("UPDATE products SET sort_key = ?, search_text = ? WHERE id = ?", sortKey, haystack, product.id)
            }
            try search.rebuild(in: db)
            try ShortTermCounts.rebuild(in: db)
            try recountCategories(in: db)
            try setState("derived", derived, in: db)
        }
    }

    /// Writes the starter catalogue into an empty database, once: a catalogue
    /// that was imported, or seeded by an earlier start, is left as it is.
    private func seedOnce() throws {
        guard try state("seeded") == nil else { return }
        try database.transaction { db in
            guard try state("seeded", in: db) == nil else { return }
            if try db.queryOne("SELECT COUNT(*) AS n FROM products")?.int("n") == 0 {
                try db.run("\(db.dialect.insertOrIgnore) INTO categories (id, name, position) VALUES ('BOOKS', 'Books', 1), ('COMPUTERS', 'Computers', 2)")
                try write((SeedBooks.all + SeedComputers.all).map { ($0.product, $0.featured) }, in: db)
                try recountCategories(in: db)
            }
            try setState("seeded", "1", in: db)
        }
    }

    func state(_ name: String, in db: SQLDatabase? = nil) throws -> String? {
        try (db ?? database).queryOne("SELECT value FROM catalogue_state WHERE name = ?", name)?.string("value")
    }

    func setState(_ name: String, _ value: String, in db: SQLDatabase) throws {
        try db.run("INSERT INTO catalogue_state (name, value) VALUES (?, ?) "
                   + db.dialect.upsert(conflictKey: ["name"], set: ["value"]), name, value)
    }

    // MARK: Writing

    /// Adds or replaces a product (used by tests that need a particular product).
    public func upsert(_ product: Product, featured: Bool = false) throws {
        try database.transaction { db in
            let previous = try db.queryOne("SELECT category FROM products WHERE id = ?", product.id)?.string("category")
            try ensureCategories([product.category], in: db)
            try write([(product, featured)], in: db)
            try recountCategories(Set([product.category] + (previous.map { [$0] } ?? [])), in: db)
        }
    }

    /// Keeps `categories.product_count` true: of `categories`, or of all when nil.
    func recountCategories(_ categories: Set<String>? = nil, in db: SQLDatabase) throws {
        let recount = "UPDATE categories SET product_count = (SELECT COUNT(*) FROM products WHERE products.category = categories.id)"
        guard let categories else {
            try db.run(recount)
            return
        }
        for category in categories.sorted() { try db.run(recount + " WHERE id = ?", category) }
    }

    /// Creates the categories among `ids` that do not exist yet, after the
    /// existing ones, named from their ids ("GARDEN_TOOLS" → "Garden tools").
    func ensureCategories(_ ids: Set<String>, in db: SQLDatabase) throws {
        let known = Set(try db.query("SELECT id FROM categories").map { $0.string("id") })
        var position = try db.queryOne("SELECT MAX(position) AS p FROM categories")?.int("p") ?? 0
        for id in ids.subtracting(known).sorted() {
            position += 1
            try db.run("\(db.dialect.insertOrIgnore) INTO categories (id, name, position) VALUES (?, ?, ?)",
                       id, Self.categoryName(id), position)
        }
    }

    static func categoryName(_ id: String) -> String {
        let words = id.replacingOccurrences(of: "_", with: " ").replacingOccurrences(of: "-", with: " ").lowercased()
        return words.prefix(1).uppercased() + words.dropFirst()
    }

    // MARK: Listing

    /// One alphabetical page of the products matching `query`; `total` counts
    /// all matches from the search index or the kept counts, never row by row
    /// through the catalogue.
    public func page(_ query: ProductQuery) throws -> ProductPage {
        let (items, total) = try page(query, columns: "products.*", item: Self.product)
        return ProductPage(items: items, total: total, limit: query.limit, offset: query.offset)
    }

    /// The page as the answer's JSON, written as `JSONBody` writes `page(_:)`: the products'
    /// ids and stock read from their rows, the rest of each answer kept.
    public func pageJSON(_ query: ProductQuery) throws -> [UInt8] {
        let (rows, total) = try page(query, columns: ProductAnswers.columns) { $0 }
        let items = try answers.answers(rows, row: wholeRow)
        var output = JSONOutput(capacity: 256 + items.reduce(0) { $0 + $1.beforeStock.count + 24 })
        output.page(items, total: total, limit: query.limit, offset: query.offset) { $0.write(into: &$1) }
        return output.bytes
    }

    /// The page's rows, each read with `columns` (a select list of `products`) and made an item by `item`.
    private func page<Item>(_ query: ProductQuery, columns: String,
                            item: (SQLRow) throws -> Item) throws -> (items: [Item], total: Int) {
        let terms = SearchText.terms(query.text ?? "")
        // How far into the listing the page ends. The offset is the client's: a sum past
        // Int.max is a page past any catalogue, not a trap.
        let (end, overflowed) = query.offset.addingReportingOverflow(query.limit)
        let window = overflowed ? Int.max : end
        guard !terms.isEmpty else {
            let listing = listingFilter(query, throughSearchIndex: false)
            // Featured products are few (an index holds them apart) and counted; the rest are kept counts.
            let total = query.featured ? try count(listing) : try productCount(category: query.category)
            // A page past the end is empty without walking the whole listing to find that out.
            guard total > query.offset else { return ([], total) }
            if let rows = try deepPageRows(query, columns: columns) { return (try rows.map(item), total) }
            return (try pageRows(listing, query, columns: columns).map(item), total)
        }
        guard let plan = try searchPlan(terms, category: query.category, window: window) else { return ([], 0) }
        var found: SearchFilter??
        func index() throws -> SearchFilter? {
            if let found { return found }
            found = .some(try plan.index())
            return found ?? nil
        }
        if query.featured {
            // The few featured products, each checked.
            let read = listingFilter(query, throughSearchIndex: false).and(plan.checks)
            let total = try count(read)
            return (total > query.offset ? try pageRows(read, query, columns: columns).map(item) : [], total)
        }
        let total: Int
        switch plan.total {
        case .known(let matches):
            total = matches
        case .gathered, .counted:
            guard let index = try index() else { return ([], 0) }
            let found = listingFilter(query, throughSearchIndex: true).and(index)
            if case .gathered = plan.total, let page = try gatheredPage(found, query, columns: columns, item: item) { return page }
            total = try count(found)
        }
        guard total > query.offset else { return ([], total) }
        let inOrder = plan.readsInOrder(matches: total, window: window)
        guard let condition = inOrder ? plan.checks : try index() else { return ([], total) }
        return (try pageRows(listingFilter(query, throughSearchIndex: !inOrder).and(condition), query, columns: columns).map(item), total)
    }

    /// The listing's own conditions (category, featured). When the rows are found through the
    /// search index, SQLite is kept from walking the whole category by its index instead (`+`
    /// makes the column an expression no index serves): a category holds an eighth of the
    /// catalogue, the search's matches a few hundred.
    private func listingFilter(_ query: ProductQuery, throughSearchIndex: Bool) -> SearchFilter {
        var filter = SearchFilter(condition: "", arguments: [])
        if let category = query.category {
            filter = filter.and(SearchFilter(condition: (throughSearchIndex && database.dialect == .sqlite ? "+" : "") + "category = ?",
                                             arguments: [category]))
        }
        if query.featured { filter = filter.and(SearchFilter(condition: "featured = 1", arguments: [])) }
        return filter
    }

    private func whereClause(_ filter: SearchFilter) -> String {
        filter.condition.isEmpty ? "" : "WHERE " + filter.condition
    }

    private func count(_ filter: SearchFilter) throws -> Int {
        try database.query("SELECT COUNT(*) AS n FROM \(filter.tables) \(whereClause(filter))", arguments: filter.arguments).first?.int("n") ?? 0
    }

    /// The page's rows: their keys first, read through an index that holds the order (and for a plain
    /// listing everything the walk needs), then only those rows: OFFSET steps over index entries, not products.
    /// On SQLite the key is the rowid, which every index holds: a row is then one look-up, not two
    /// (through the id's index, then the table). And there the rows come in the page's order without
    /// sorting them again: `CROSS JOIN` keeps the page as the outer loop, run as a co-routine that
    /// yields its keys in order, where a plain join first copied the keys into a temporary table and
    /// then sorted the rows in another (half the page's query).
    private func pageRows(_ filter: SearchFilter, _ query: ProductQuery, columns: String) throws -> [SQLRow] {
        let keys = "FROM \(filter.tables) \(whereClause(filter)) ORDER BY products.sort_key, products.id LIMIT ? OFFSET ?"
        let sql = database.dialect == .sqlite
            ? "SELECT \(columns) FROM (SELECT products.rowid AS page_key \(keys)) AS page CROSS JOIN products ON products.rowid = page.page_key"
            : "SELECT \(columns) FROM (SELECT products.id AS page_key \(keys)) AS page JOIN products ON products.id = page.page_key "
                + "ORDER BY products.sort_key, products.id"
        return try database.query(sql, arguments: filter.arguments + [query.limit, query.offset])
    }

    /// A deep page of a plain listing on SQLite, walked from the milestone before it; nil when
    /// there is none under the catalogue's mark now (the caller walks from the start).
    private func deepPageRows(_ query: ProductQuery, columns: String) throws -> [SQLRow]? {
        guard database.dialect == .sqlite, !query.featured, query.offset >= ListingMilestones.spacing else { return nil }
        if let start = milestones.start(at: query.offset, category: query.category) {
            var filter = SearchFilter(condition: "", arguments: [])
            if let category = query.category { filter = SearchFilter(condition: "category = ?", arguments: [category]) }
            filter = filter.and(SearchFilter(
                condition: "(SELECT value FROM catalogue_state WHERE name = '\(ProductAnswers.markName)') + 0 IS ? AND (sort_key, id) >= (?, ?)",
                arguments: [start.mark, start.sortKey, start.id]))
            let rows = try pageRows(filter, ProductQuery(limit: query.limit, offset: start.skip), columns: columns)
            if !rows.isEmpty { return rows }
        }
        if let sqlite = database as? SQLiteDatabase { milestones.readSoon(category: query.category, in: sqlite) }
        return nil
    }

    /// A page of a search with few matches: every match read in one pass through the index, which
    /// gives the total too (counted apart only past `SearchPlan.gatherLimit`), then the page's rows;
    /// nil when there were more matches than that and not in order.
    private func gatheredPage<Item>(_ filter: SearchFilter, _ query: ProductQuery, columns: String,
                                    item: (SQLRow) throws -> Item) throws -> (items: [Item], total: Int)? {
        guard let (keys, keyColumn, gathered) = try matchesInOrder(filter) else { return nil }
        let total = gathered ? keys.count : try count(filter)
        guard query.offset < keys.count else { return ([], total) }
        let pageKeys = keys[query.offset..<min(keys.count, query.offset + query.limit)]
        // As many placeholders as the page's limit, the ones past its keys NULL (which match nothing):
        // one statement, prepared once, for every page of that size.
        let placeholders = Array(repeating: "?", count: max(query.limit, pageKeys.count)).joined(separator: ", ")
        let rows = try database.query("SELECT \(columns) FROM products WHERE \(keyColumn) IN (\(placeholders)) ORDER BY sort_key, id",
                                      arguments: Array(pageKeys) + Array(repeating: nil, count: max(0, query.limit - pageKeys.count)))
        return (try rows.map(item), total)
    }

    /// The first `SearchPlan.gatherLimit` matches of `filter` in the listing's order, by the key the
    /// page's rows are read by, and whether that is all of them; nil when there are more and they
    /// were not read in order. SQLite's sorter cost as much as finding the matches and checking
    /// their text together (5,000 instructions a row), so on SQLite the few matches come unsorted
    /// and are put in order here, as its BINARY collation orders text: by UTF-8 bytes.
    private func matchesInOrder(_ filter: SearchFilter) throws -> (keys: [SQLBindable?], keyColumn: String, all: Bool)? {
        let limit = SearchPlan.gatherLimit + 1
        guard let sqlite = database as? SQLiteDatabase else {
            let ids = try database.query("SELECT products.id FROM \(filter.tables) \(whereClause(filter)) ORDER BY products.sort_key, products.id LIMIT ?",
                                         arguments: filter.arguments + [limit]).map { $0.string("id") as SQLBindable? }
            return (Array(ids.prefix(SearchPlan.gatherLimit)), "id", ids.count < limit)
        }
        var matches = MatchKeys()
        try sqlite.forEachRow("SELECT products.rowid, products.sort_key, products.id FROM \(filter.tables) \(whereClause(filter)) LIMIT ?",
                              arguments: filter.arguments + [limit]) { row in
            row.withBytes(1) { sortKey in row.withBytes(2) { id in matches.append(rowid: row.int64(0), sortKey: sortKey, id: id) } }
        }
        guard matches.count < limit else { return nil }
        return (matches.rowidsInOrder().map { $0 as SQLBindable? }, "rowid", true)
    }

    /// Every category with the number of products in it, in display order.
    public func categories() throws -> [StoreWire.Category] {
        try database.query("SELECT id, name, product_count FROM categories ORDER BY position, id").map {
            StoreWire.Category(id: $0.string("id"), name: $0.string("name"), productCount: $0.int("product_count"))
        }
    }

    /// The category's id when `name` names one (in any letter case).
    public func categoryID(matching name: String) throws -> String? {
        try database.queryOne("SELECT id FROM categories WHERE id = ? \(database.dialect.caseInsensitive)", name)?.string("id")
    }

    // MARK: ProductCatalog

    public func product(id: String) throws -> Product? {
        try database.queryOne("SELECT \(Self.productColumns) FROM products WHERE id = ?", id).map(Self.product)
    }

    /// The columns `StoredProduct` reads: not the search text and sort key,
    /// which a cart's pricing read (one a cart change) would copy for nothing.
    static let productColumns = "id, name, description, category, kind, price, currency, stock, attributes"

    /// The product as the answer's JSON, written as `JSONBody` writes `product(id:)`; nil when there is none.
    public func productJSON(id: String) throws -> [UInt8]? {
        let rows = try database.query("SELECT \(ProductAnswers.columns) FROM products WHERE id = ?", arguments: [id])
        guard let answer = try answers.answers(rows, row: wholeRow).first else { return nil }
        var output = JSONOutput(capacity: answer.beforeStock.count + 24)
        answer.write(into: &output)
        return output.bytes
    }

    private func wholeRow(id: String) throws -> SQLRow? {
        try database.queryOne("SELECT * FROM products WHERE id = ?", id)
    }

    public func products(ids: [String]) throws -> [String: Product] {
        var found: [String: Product] = [:]
        for id in Set(ids) {
            if let product = try product(id: id) { found[id] = product }
        }
        return found
    }

    static func product(_ row: SQLRow) -> Product { StoredProduct(row).product }
}
