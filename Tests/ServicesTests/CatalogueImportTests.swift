import Foundation
import Testing
import StoreWire
import TestSupport
@testable import StoreServices

/// A catalogue brought in from JSON lines, searched through the index and
/// counted from kept counts, on every database implementation.
@Suite struct CatalogueImportTests {
    static func line(_ product: Product) -> String {
        String(decoding: try! JSONEncoder().encode(product), as: UTF8.self)
    }

    static func product(_ id: String, _ name: String, category: String = "GARDEN", description: String = "",
                        attributes: [ProductAttribute] = []) -> Product {
        Product(id: id, name: name, description: description, category: category, kind: .physical,
                price: Money(1999), stock: 5, attributes: attributes)
    }

    /// Products with CJK, accented and plain names, in two categories.
    static let products: [Product] = [
        product("g-1", "三体 (The Three-Body Problem)", category: "BOOKS_CN", description: "刘慈欣的科幻小说"),
        product("g-2", "Crème brûlée for beginners", description: "Sugar, cream, a torch.",
                attributes: [ProductAttribute("Author", "Zoë Ångström")]),
        product("g-3", "Zürich city guide", description: "Trams and lakes."),
        product("g-4", "体操 mat", description: "For gymnastics."),
        product("g-5", "Élan garden shears", description: "Sharp; 三 blades."),
        product("g-6", "ab", description: ""),
    ]

    static func importing(_ lines: [String], into store: ProductStore,
                          batchSize: Int = ProductImport.batchSize) throws -> ProductImport.Summary {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("import-\(UUID().uuidString).jsonl")
        try Data(lines.joined(separator: "\n").utf8).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let handle = try FileHandle(forReadingFrom: file)
        defer { try? handle.close() }
        return try ProductImport.run(handle, into: store, batchSize: batchSize)
    }

    /// What a search must find: every product whose folded name, description and
    /// attribute values contain every word, in alphabetical order of folded name, then id.
    static func expected(_ query: String, in products: [Product], category: String? = nil) -> [String] {
        let words = SearchText.terms(query)
        return products.filter { product in
            (category == nil || product.category == category) && words.allSatisfy { SearchText.haystack(product).contains($0) }
        }
        .sorted { (SearchText.sortKey($0), $0.id) < (SearchText.sortKey($1), $1.id) }
        .map(\.id)
    }

    static func everything(_ store: ProductStore, _ query: ProductQuery) throws -> (ids: [String], total: Int) {
        var query = query
        var ids: [String] = []
        var total = 0
        repeat {
            let page = try store.page(query)
            total = page.total
            ids += page.items.map(\.id)
            query.offset += query.limit
            if page.items.isEmpty { break }
        } while ids.count < total
        return (ids, total)
    }

    @Test(arguments: StoreBackend.allCases)
    func importedProductsAreFoundByAnyPartOfOneTwoOrMoreCharacters(backend: StoreBackend) throws {
        let opened = try backend.open(); defer { opened.cleanUp() }
        let store = try ProductStore(database: opened.database)
        let seeded = try store.page(ProductQuery(limit: 100)).items
        let lines = Self.products.map(Self.line)
        let summary = try Self.importing(Array(lines[..<3]) + ["  "] + lines[3...], into: store)
        #expect(summary == ProductImport.Summary(lines: 7, products: 6, added: 6, categoriesCreated: 2))
        let all = seeded + Self.products

        for query in ["体", "三体", "三", "刘慈", "ü", "zu", "zür", "CRÈME brulee", "brû", "ångström", "o", "ab", "gymnastics",
                      "a b", "e", "dune", "herbert frank", "zzz", "q", "\"", "%", "_"] {
            let found = try Self.everything(store, ProductQuery(text: query, limit: 7))
            let expected = Self.expected(query, in: all)
            #expect(found.ids == expected, "search for \(query)")
            #expect(found.total == expected.count, "count for \(query)")
        }
        let inGarden = try Self.everything(store, ProductQuery(category: "GARDEN", text: "e", limit: 2))
        #expect(inGarden.ids == Self.expected("e", in: all, category: "GARDEN") && inGarden.total == inGarden.ids.count)

        let categories = try store.categories()
        #expect(categories.map(\.id) == ["BOOKS", "COMPUTERS", "BOOKS_CN", "GARDEN"])
        #expect(categories.map(\.name).suffix(2) == ["Books cn", "Garden"])
        #expect(categories.map(\.productCount) == [SeedBooks.all.count, SeedComputers.all.count, 1, 5])
        let listed = try Self.everything(store, ProductQuery(limit: 9))
        #expect(listed.total == all.count)
        #expect(listed.ids == Self.expected("", in: all), "not in alphabetical order")
        #expect(try store.page(ProductQuery(category: "GARDEN")).total == 5)
    }

    @Test(arguments: StoreBackend.allCases)
    func importingAgainReplacesByIdAndKeepsCountsAndSearchTrue(backend: StoreBackend) throws {
        let opened = try backend.open(); defer { opened.cleanUp() }
        let store = try ProductStore(database: opened.database, seed: false)
        _ = try Self.importing(Self.products.map(Self.line), into: store)
        var renamed = Self.products[2]
        renamed.name = "Genève city guide"
        renamed.category = "TRAVEL"
        let summary = try Self.importing([Self.line(renamed), Self.line(Self.products[0])], into: store)
        #expect(summary == ProductImport.Summary(lines: 2, products: 2, added: 0, categoriesCreated: 1))
        #expect(try store.product(id: renamed.id) == renamed)
        #expect(try store.page(ProductQuery(text: "zurich")).total == 0)
        #expect(try store.page(ProductQuery(text: "geneve")).items.map(\.id) == [renamed.id])
        #expect(try store.categories().map(\.productCount) == [1, 4, 1])
        #expect(try store.page(ProductQuery()).total == Self.products.count)
    }

    @Test(arguments: StoreBackend.allCases)
    func aBadLineNamesItsNumberAndFieldAndNothingIsImported(backend: StoreBackend) throws {
        let opened = try backend.open(); defer { opened.cleanUp() }
        let store = try ProductStore(database: opened.database)
        let before = try store.page(ProductQuery(limit: 100))
        let good = Self.products.map(Self.line)
        var negative = Self.products[1]
        negative.price.amount = -1
        var digitalWithStock = Self.products[1]
        digitalWithStock.kind = .digital
        let cases: [(line: String, field: String?, message: String)] = [
            (Self.line(negative), "price.amount", "must be a whole number of cents from 0 to"),
            (#"{"id":"x","name":"X","description":"","category":"BOOKS","kind":"physical","price":{"amount":1},"stock":1,"attributes":[]}"#,
             "price.currency", "is missing"),
            (#"{"id":"x","name":"X","description":"","category":"BOOKS","kind":"vinyl","price":{"amount":1,"currency":"NZD"},"stock":1,"attributes":[]}"#,
             "kind", "must be \"physical\" or \"digital\""),
            (#"{"id":"x","name":"X","description":"","category":"BOOKS","kind":"physical","price":{"amount":"1","currency":"NZD"},"stock":1,"attributes":[]}"#,
             "price.amount", "must be a whole number"),
            (#"{"id":"x","name":"X","description":"","category":"BOOKS","kind":"physical","price":{"amount":1,"currency":"NZD"},"stock":1,"attributes":[{"name":"A"}]}"#,
             "attributes[0].value", "is missing"),
            (Self.line(Self.product("a/b", "Slash")), "id", "must be 1 to 64"),
            (Self.line(Self.product("x", "Tab\there")), "name", "must be one line"),
            (Self.line(Self.product("x", "Lower", category: "garden")), "category", "must be 1 to 64"),
            (Self.line(digitalWithStock), "stock", "must be 0 for a digital product"),
            ("{not json", nil, "is not a JSON object of a product"),
        ]
        for (bad, field, message) in cases {
            let lines = Array(good[0..<3]) + [bad] + Array(good[3...])
            do {
                _ = try Self.importing(lines, into: store)
                Issue.record("\(bad) was imported")
            } catch let error as ProductImport.BadLine {
                #expect(error.line == 4 && error.field == field && error.message.hasPrefix(message), "\(error)")
            }
            #expect(try store.page(ProductQuery(limit: 100)) == before, "\(bad) left something imported")
            #expect(try store.categories().map(\.id) == ["BOOKS", "COMPUTERS"])
        }
    }

    static func batchProducts(_ count: Int) -> [Product] {
        let words = ["nord", "süd", "東京", "café", "lamp", "Ørsted", "x"]
        return (0..<count).map { index in
            Self.product(String(format: "b%05d", index), "\(words[index % 7]) \(words[index / 7 % 7]) \(index)",
                         category: ["A", "B", "C"][index % 3], description: index.isMultiple(of: 5) ? "rare 京都" : "")
        }
    }

    /// Many batches, more than the catalogue held (so on SQLite the listing and search indexes are
    /// built once at the end): the counts and search of the index agree with the products.
    @Test(arguments: StoreBackend.allCases)
    func aCatalogueOfSomeBatchesIsCountedAndSearchedLikeTheProducts(backend: StoreBackend) throws {
        let opened = try backend.open(); defer { opened.cleanUp() }
        let store = try ProductStore(database: opened.database, seed: false)
        let products = Self.batchProducts(2_500)
        _ = try Self.importing(Array(products.prefix(100)).map(Self.line), into: store)
        #expect(try Self.importing(products.map(Self.line), into: store, batchSize: 300).added == products.count - 100)
        // Short words common and rare, alone, together and beside long ones, near the start and deep,
        // in all and in one category: each way of finding them gives the same pages and totals.
        for query in ["東京", "京", "sud", "ORSTED lamp", "rare", "1", "x 12", "afe", "e", "d", "東", "99", "4 7", "e rare", "ø 1"] {
            for (category, offset) in [(nil, 10), (nil, 1_500), ("B", 0), ("B", 700)] as [(String?, Int)] {
                let page = try store.page(ProductQuery(category: category, text: query, limit: 25, offset: offset))
                let expected = Self.expected(query, in: products, category: category)
                #expect(page.total == expected.count, "count for \(query) in \(category ?? "all") from \(offset)")
                #expect(page.items.map(\.id) == Array(expected.dropFirst(offset).prefix(25)),
                        "page for \(query) in \(category ?? "all") from \(offset)")
            }
        }
        #expect(try store.categories().map(\.productCount) == [834, 833, 833])
        let last = try store.page(ProductQuery(category: "B", limit: 25, offset: 825))
        #expect(last.total == 833 && last.items.count == 8)
    }

    /// Words of three or more characters, common (more than `SearchPlan.gatherLimit` products) and
    /// rare, alone and together, in all and in one category, near the start, deep and past the end:
    /// each way of reading a page and counting its total gives the pages and totals of the products.
    @Test(arguments: StoreBackend.allCases)
    func longerWordsCommonAndRareAreFoundAndCountedLikeTheProducts(backend: StoreBackend) throws {
        let opened = try backend.open(); defer { opened.cleanUp() }
        let store = try ProductStore(database: opened.database, seed: false)
        let names = ["nord", "süd", "東京", "café", "lamp", "Ørsted", "x"]
        let products = (0..<2_600).map { index in
            Self.product(String(format: "w%05d", index), "\(names[index % 7]) \(names[index / 7 % 7]) \(index)",
                         category: ["A", "B", "C"][index % 3],
                         description: index % 100 < 85 ? "a widget" : index % 100 == 85 ? "a gadget" : "plain")
        }
        #expect(products.filter { $0.description.contains("widget") }.count > SearchPlan.gatherLimit)
        _ = try Self.importing(products.map(Self.line), into: store, batchSize: 500)
        for query in ["widget", "gadget", "wid", "gad", "dget", "widget gadget", "gadget 1", "widget 12", "wid ge", "東京 widget",
                      "ørsted", "sted x", "pla", "plain", "zzz", "widgets"] {
            for (category, offset) in [(nil, 0), (nil, 25), (nil, 1_990), (nil, 2_205), ("B", 0), ("B", 700), ("B", 900)] as [(String?, Int)] {
                let page = try store.page(ProductQuery(category: category, text: query, limit: 25, offset: offset))
                let expected = Self.expected(query, in: products, category: category)
                #expect(page.total == expected.count, "count for \(query) in \(category ?? "all") from \(offset)")
                #expect(page.items.map(\.id) == Array(expected.dropFirst(offset).prefix(25)),
                        "page for \(query) in \(category ?? "all") from \(offset)")
            }
        }
    }

    /// The kept counts of one- to three-character words agree with the products after imports that
    /// add, replace (text and category), repeat an id within a file, and after a single upsert.
    @Test(arguments: StoreBackend.allCases)
    func shortWordCountsAgreeWithTheProductsAfterEveryKindOfWrite(backend: StoreBackend) throws {
        let opened = try backend.open(); defer { opened.cleanUp() }
        let store = try ProductStore(database: opened.database)
        var all = Dictionary(uniqueKeysWithValues: (SeedBooks.all + SeedComputers.all).map { ($0.product.id, $0.product) })
        func record(_ products: [Product]) { for product in products { all[product.id] = product } }
        let first = Self.batchProducts(600)
        _ = try Self.importing(first.map(Self.line), into: store, batchSize: 100)
        record(first)
        var changed = Array(first[100..<140])
        for index in changed.indices {
            changed[index].name = "Ünïque \(index) 体"
            changed[index].category = index.isMultiple(of: 2) ? "C" : "NEW"
        }
        let again = changed + [Self.products[0], Self.products[1], Self.products[0]]
        _ = try Self.importing(again.map(Self.line), into: store, batchSize: 7)
        record(again)
        var single = Self.products[4]
        single.category = "A"
        try store.upsert(single)
        record([single])

        let products = Array(all.values)
        var terms = Set<String>()
        for product in products {
            let scalars = Array(SearchText.haystack(product).unicodeScalars)
            for start in scalars.indices {
                for length in 1...2 where start + length <= scalars.count {
                    let run = scalars[start..<start + length]
                    if !run.contains(where: \.properties.isWhitespace) { terms.insert(String(String.UnicodeScalarView(run))) }
                }
            }
        }
        for term in terms.sorted() {
            let holding = products.filter { SearchText.haystack($0).contains(term) }
            #expect(try ShortTermCounts.count(term, category: nil, in: opened.database) == holding.count, "count of \(term)")
            #expect(try ShortTermCounts.count(term, category: "C", in: opened.database)
                    == holding.filter { $0.category == "C" }.count, "count of \(term) in C")
        }
        #expect(try store.page(ProductQuery(text: "体")).total == Self.expected("体", in: products).count)
    }

    /// A bad line after the indexes were dropped for a bulk write leaves the catalogue, its
    /// indexes and its search as they were, and the database back in WAL mode.
    @Test(arguments: StoreBackend.allCases)
    func aBadLineLateInALargeImportLeavesEverythingAsItWas(backend: StoreBackend) throws {
        let opened = try backend.open(); defer { opened.cleanUp() }
        let store = try ProductStore(database: opened.database)
        let before = try Self.everything(store, ProductQuery(text: "e", limit: 50))
        let lines = Self.batchProducts(1_000).map(Self.line)
        do {
            _ = try Self.importing(lines + ["{not json"], into: store, batchSize: 100)
            Issue.record("a file with a bad line was imported")
        } catch let error as ProductImport.BadLine {
            #expect(error.line == 1_001)
        }
        #expect(try Self.everything(store, ProductQuery(text: "e", limit: 50)) == before)
        #expect(try store.page(ProductQuery(text: "nord")).total == 0)
        #expect(try store.categories().map(\.id) == ["BOOKS", "COMPUTERS"])
        if backend == .sqlite {
            #expect(try opened.database.queryOne("PRAGMA journal_mode")?.string("journal_mode") == "wal")
            let indexes = try opened.database.query("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'products'")
            #expect(Set(indexes.map { $0.string("name") }).isSuperset(of: ProductStore.listingIndexes(in: opened.database).keys))
        }
    }

    /// A database whose derived columns and search index were made by an earlier version
    /// gets them made anew, once, on its next start.
    @Test(arguments: StoreBackend.allCases)
    func aStartAfterTheSearchIndexChangedRebuildsItOnce(backend: StoreBackend) throws {
        let opened = try backend.open(); defer { opened.cleanUp() }
        let store = try ProductStore(database: opened.database, seed: false)
        _ = try Self.importing(Self.products.map(Self.line), into: store)
        if backend == .sqlite {
            // The index as the first version made it: with positions, and emptied here to tell it apart.
            try opened.database.execute("""
                DROP TABLE product_search_terms; DROP TABLE product_search;
                CREATE VIRTUAL TABLE product_search USING fts5(text, tokenize = 'trigram case_sensitive 1', content = '', detail = 'full');
                """)
        } else {
            try opened.database.run("DELETE FROM product_trigrams")
        }
        try opened.database.run("UPDATE products SET sort_key = 'stale' WHERE id = 'g-1'")
        try store.setState("derived", "0/old-index", in: opened.database)
        let reopened = try ProductStore(database: opened.reopen(), seed: false)
        for query in ["体", "zür", "brulee", "ab", "e"] {
            let found = try Self.everything(reopened, ProductQuery(text: query, limit: 3))
            #expect(found.ids == Self.expected(query, in: Self.products) && found.total == found.ids.count, "search for \(query)")
        }
        #expect(try Self.everything(reopened, ProductQuery(limit: 4)).ids == Self.expected("", in: Self.products))
        if backend == .sqlite {
            let index = try opened.database.queryOne("SELECT sql FROM sqlite_master WHERE name = 'product_search'")?.string("sql")
            #expect(index?.contains("detail = 'none'") == true, "\(index ?? "no index")")
        }
    }

    @Test(arguments: StoreBackend.allCases)
    func aSecondStartRewritesNothingAndSeedsNothingAgain(backend: StoreBackend) throws {
        let opened = try backend.open(); defer { opened.cleanUp() }
        let store = try ProductStore(database: opened.database)
        let seeded = try store.page(ProductQuery(limit: 100))
        #expect(seeded.total == SeedBooks.all.count + SeedComputers.all.count)
        // Marks a row the way no start would write it, and takes a seeded product away.
        try opened.database.run("UPDATE products SET sort_key = 'marked' WHERE id = 'dune-paperback'")
        let removed = try #require(seeded.items.last)
        try opened.database.run("DELETE FROM products WHERE id = ?", removed.id)
        _ = try ProductStore(database: opened.reopen())
        #expect(try opened.database.queryOne("SELECT sort_key FROM products WHERE id = 'dune-paperback'")?.string("sort_key") == "marked")
        #expect(try store.product(id: removed.id) == nil, "the seed was written again")
    }
}
