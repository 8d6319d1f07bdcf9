import Foundation
import StoreWire

/// The product service's own database (`products.sqlite`, or its own schema
/// on a MariaDB server): the catalogue, seeded on first start, and its stock.
public final class ProductStore: ProductCatalog, @unchecked Sendable {
    public static let fileName = "products.sqlite"
    let database: SQLDatabase

    /// Opens the database in `dataDirectory`, creating and seeding it when new.
    public convenience init(dataDirectory: URL, seed: Bool = true) throws {
        try self.init(database: SQLiteDatabase(url: dataDirectory.appendingPathComponent(ProductStore.fileName)), seed: seed)
    }

    public init(database: SQLDatabase, seed: Bool = true) throws {
        self.database = database
        try createSchema()
        if seed { try seedIfEmpty() }
        try refreshDerivedColumns()
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
            CREATE INDEX IF NOT EXISTS products_by_name ON products (sort_key, id);
            CREATE INDEX IF NOT EXISTS products_by_category ON products (category, sort_key, id);
            """)
        try createReservationSchema()
    }

    /// Recomputes the sort and search columns, so a change to how they are
    /// derived reaches databases made by an earlier version.
    private func refreshDerivedColumns() throws {
        try database.transaction { db in
            for row in try db.query("SELECT * FROM products") {
                let product = try Self.product(row)
                try db.run("UPDATE products SET sort_key = ?, search_text = ? WHERE id = ?",
                           SearchText.sortKey(product), SearchText.haystack(product), product.id)
            }
        }
    }

    private func seedIfEmpty() throws {
        try database.transaction { db in
            guard try db.queryOne("SELECT COUNT(*) AS n FROM products")?.int("n") == 0 else { return }
            try db.run("\(db.dialect.insertOrIgnore) INTO categories (id, name, position) VALUES ('BOOKS', 'Books', 1), ('COMPUTERS', 'Computers', 2)")
            for seed in SeedBooks.all + SeedComputers.all {
                try insert(seed.product, featured: seed.featured, into: db)
            }
        }
    }

    /// Adds or replaces a product (used by the seed and by tests that need a particular product).
    public func upsert(_ product: Product, featured: Bool = false) throws {
        try insert(product, featured: featured, into: database)
    }

    private func insert(_ product: Product, featured: Bool, into db: SQLDatabase) throws {
        let attributes = String(decoding: try JSONBody.encode(product.attributes), as: UTF8.self)
        try db.run("""
            \(db.dialect.insertOrReplace) INTO products
                (id, name, description, category, kind, price, currency, stock, featured, attributes, sort_key, search_text)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, product.id, product.name, product.description, product.category, product.kind.rawValue,
            product.price.amount, product.price.currency, product.stock, featured, attributes,
            SearchText.sortKey(product), SearchText.haystack(product))
    }

    // MARK: Listing

    /// One alphabetical page of the products matching `query`; `total` counts all matches.
    public func page(_ query: ProductQuery) throws -> ProductPage {
        var conditions: [String] = []
        var arguments: [SQLBindable?] = []
        if let category = query.category {
            conditions.append("category = ?")
            arguments.append(category)
        }
        if query.featured { conditions.append("featured = 1") }
        for term in SearchText.terms(query.text ?? "") {
            conditions.append("instr(search_text, ?) > 0")
            arguments.append(term)
        }
        let filter = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
        let total = try database.query("SELECT COUNT(*) AS n FROM products \(filter)", arguments: arguments).first?.int("n") ?? 0
        let rows = try database.query("SELECT * FROM products \(filter) ORDER BY sort_key, id LIMIT ? OFFSET ?",
                                      arguments: arguments + [query.limit, query.offset])
        return ProductPage(items: try rows.map(Self.product), total: total, limit: query.limit, offset: query.offset)
    }

    /// Every category with the number of products in it, in display order.
    public func categories() throws -> [StoreWire.Category] {
        try database.query("""
            SELECT c.id, c.name, COUNT(p.id) AS n FROM categories c
            LEFT JOIN products p ON p.category = c.id
            GROUP BY c.id ORDER BY c.position, c.id
            """).map { StoreWire.Category(id: $0.string("id"), name: $0.string("name"), productCount: $0.int("n")) }
    }

    /// The category's id when `name` names one (in any letter case).
    public func categoryID(matching name: String) throws -> String? {
        try database.queryOne("SELECT id FROM categories WHERE id = ? \(database.dialect.caseInsensitive)", name)?.string("id")
    }

    // MARK: ProductCatalog

    public func product(id: String) throws -> Product? {
        try database.queryOne("SELECT * FROM products WHERE id = ?", id).map(Self.product)
    }

    public func products(ids: [String]) throws -> [String: Product] {
        var found: [String: Product] = [:]
        for id in Set(ids) {
            if let product = try product(id: id) { found[id] = product }
        }
        return found
    }

    static func product(_ row: SQLRow) throws -> Product {
        let attributes = (try? JSONDecoder().decode([ProductAttribute].self, from: row.data("attributes"))) ?? []
        return Product(id: row.string("id"), name: row.string("name"), description: row.string("description"),
                       category: row.string("category"), kind: ProductKind(rawValue: row.string("kind")) ?? .physical,
                       price: Money(row.int("price"), row.string("currency")), stock: row.int("stock"),
                       attributes: attributes)
    }
}
