import Foundation
import StoreWire
import CSQLite

/// Writes products by id, adding new ones and replacing the fields of those
/// that exist (their row, and so their place in the search index, is kept),
/// inside the caller's transaction: through one prepared statement reused
/// for every product on SQLite, through statements of many rows on MariaDB.
/// The search index follows (`ProductSearchIndex.indexed`); the category
/// counts are the caller's to recount.
final class ProductWriter {
    /// Rows per statement on MariaDB: one round trip for many, well under the server's packet size.
    static let rowsPerStatement = 200
    static let columns = ["id", "name", "description", "category", "kind", "price", "currency", "stock", "featured",
                          "attributes", "sort_key", "search_text"]

    private let db: SQLDatabase
    private let search: ProductSearchIndex
    /// Whether a product that exists takes the new `featured` flag; an import has none and keeps the old.
    private let updatesFeatured: Bool
    private let sqlite: SQLiteStatements?

    /// The statements of the SQLite path, prepared once.
    private struct SQLiteStatements {
        let database: SQLiteDatabase
        let previous: SQLiteStatement
        let upsert: SQLiteStatement
        let indexText: SQLiteStatement
        let unindexText: SQLiteStatement
    }

    init(db: SQLDatabase, search: ProductSearchIndex, updatesFeatured: Bool) throws {
        self.db = db
        self.search = search
        self.updatesFeatured = updatesFeatured
        if let database = db as? SQLiteDatabase {
            sqlite = SQLiteStatements(
                database: database,
                previous: try database.prepare("SELECT rowid, category, search_text FROM products WHERE id = ?"),
                upsert: try database.prepare(Self.statement(rows: 1, dialect: db.dialect, updatesFeatured: updatesFeatured)),
                indexText: try database.prepare(FullTextSearch.insertSQL),
                unindexText: try database.prepare(FullTextSearch.deleteSQL))
        } else {
            sqlite = nil
        }
    }

    private static func statement(rows: Int, dialect: SQLDialect, updatesFeatured: Bool) -> String {
        let row = "(" + Array(repeating: "?", count: columns.count).joined(separator: ", ") + ")"
        let updated = columns.filter { $0 != "id" && (updatesFeatured || $0 != "featured") }
        return "INSERT INTO products (\(columns.joined(separator: ", "))) VALUES "
            + Array(repeating: row, count: rows).joined(separator: ", ") + " "
            + dialect.upsert(conflictKey: ["id"], set: updated)
    }

    /// Whether each write keeps the search index in step. An import of a large
    /// catalogue turns it off and rebuilds the index once at its end instead.
    var indexesSearch = true

    /// Writes `rows`; `tally` is their texts' short-term counts when worked out already (an import's).
    func write(_ rows: [ProductRow], tally: ShortTermCounts.Tally? = nil) throws {
        var values: [SQLBindable?] = []
        values.reserveCapacity(rows.count * Self.columns.count)
        for row in rows {
            let product = row.product
            values += [product.id, product.name, product.description, product.category, product.kind.rawValue,
                       product.price.amount, product.price.currency, product.stock, row.featured,
                       row.attributesJSON, row.sortKey, row.searchText]
        }
        var counts = tally ?? ShortTermCounts.Tally(rows)
        try ProductAnswers.fieldsChanged(in: db)
        if let sqlite {
            try sqlite.database.withConnection { connection in
                // Rows first, then their texts: a statement on `products` makes FTS5 write out the
                // terms it holds in memory, so interleaving the two would write the index row by row.
                var changedTexts: [(rowid: Int64, previous: String?, text: String)] = []
                for (offset, start) in stride(from: 0, to: values.count, by: Self.columns.count).enumerated() {
                    let row = Array(values[start..<start + Self.columns.count])
                    let previous = try self.previous(row[0], with: sqlite)
                    if let previous { counts.add(previous.searchText, category: previous.category, by: -1) }
                    try Self.runOnce(sqlite.upsert, row)
                    let text = rows[offset].searchText
                    if indexesSearch, previous?.searchText != text {
                        changedTexts.append((previous?.rowid ?? sqlite3_last_insert_rowid(connection), previous?.searchText, text))
                    }
                }
                for changed in changedTexts {
                    if let previous = changed.previous {
                        try Self.runOnce(sqlite.unindexText, [changed.rowid, FullTextSearch.indexedText(previous)])
                    }
                    try Self.runOnce(sqlite.indexText, [changed.rowid, FullTextSearch.indexedText(changed.text)])
                }
            }
            try ShortTermCounts.add(counts, in: db)
            return
        }
        // An id written twice here replaces its own first row, which the lookup below cannot see.
        var lastOffset: [String: Int] = [:]
        for (offset, row) in rows.enumerated() { lastOffset[row.product.id] = offset }
        for (offset, row) in rows.enumerated() where lastOffset[row.product.id] != offset {
            counts.add(row.searchText, category: row.product.category, by: -1)
        }
        for chunk in Array(Set(rows.map(\.product.id))).sorted().chunked(into: Self.rowsPerStatement) {
            let ids = Array(chunk)
            for previous in try db.query("SELECT category, search_text FROM products WHERE id IN ("
                                         + Array(repeating: "?", count: ids.count).joined(separator: ", ") + ")", arguments: ids) {
                counts.add(previous.string("search_text"), category: previous.string("category"), by: -1)
            }
        }
        let width = Self.columns.count * Self.rowsPerStatement
        for start in stride(from: 0, to: values.count, by: width) {
            let chunk = Array(values[start..<min(start + width, values.count)])
            try db.run(Self.statement(rows: chunk.count / Self.columns.count, dialect: db.dialect, updatesFeatured: updatesFeatured),
                       arguments: chunk)
        }
        try ShortTermCounts.add(counts, in: db)
        if indexesSearch { try search.indexed(rows.map { (id: $0.product.id, searchText: $0.searchText) }, in: db) }
    }

    /// The row on SQLite that a product with this id has now, if any.
    private func previous(_ id: SQLBindable?, with sqlite: SQLiteStatements) throws
        -> (rowid: Int64, category: String, searchText: String)? {
        sqlite.previous.reset()
        defer { sqlite.previous.reset() }
        try sqlite.previous.bind([id])
        guard try sqlite.previous.step() else { return nil }
        return (sqlite.previous.int64(0), sqlite.previous.string(1) ?? "", sqlite.previous.string(2) ?? "")
    }

    private static func runOnce(_ statement: SQLiteStatement, _ values: [SQLBindable?]) throws {
        statement.reset()
        try statement.bind(values)
        while try statement.step() {}
    }

    /// `[{"name":…,"value":…}]`, written by hand: JSONEncoder took a tenth of an import's time.
    static func attributesJSON(_ attributes: [ProductAttribute]) -> String {
        var json = "["
        for (index, attribute) in attributes.enumerated() {
            json += (index == 0 ? "" : ",") + "{\"name\":" + jsonString(attribute.name) + ",\"value\":" + jsonString(attribute.value) + "}"
        }
        return json + "]"
    }

    /// A JSON string literal: quotes, backslashes and control characters escaped.
    static func jsonString(_ text: String) -> String {
        guard text.utf8.contains(where: { $0 < 0x20 || $0 == 0x22 || $0 == 0x5C }) else { return "\"" + text + "\"" }
        var literal = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": literal += "\\\""
            case "\\": literal += "\\\\"
            case _ where scalar.value < 0x20:
                literal += "\\u00" + (scalar.value < 0x10 ? "0" : "") + String(scalar.value, radix: 16)
            default: literal.unicodeScalars.append(scalar)
            }
        }
        return literal + "\""
    }
}

/// A product with the columns derived from it, worked out before it is written
/// (during an import, on another thread than the one writing).
struct ProductRow: Sendable {
    let product: Product
    let featured: Bool
    let sortKey: String
    let searchText: String
    let attributesJSON: String

    init(_ product: Product, featured: Bool) {
        self.product = product
        self.featured = featured
        sortKey = SearchText.sortKey(product)
        searchText = SearchText.haystack(product)
        attributesJSON = ProductWriter.attributesJSON(product.attributes)
    }
}

extension ProductStore {
    /// Writes `products` (with their home-page flag) inside `db`'s transaction.
    func write(_ products: [(Product, Bool)], in db: SQLDatabase) throws {
        try ProductWriter(db: db, search: search, updatesFeatured: true).write(products.map { ProductRow($0.0, featured: $0.1) })
    }
}
