import Foundation
import Testing
import StoreWire
import TestSupport
@testable import StoreServices

/// How a search reads its matches on SQLite: a rare word's matches put in order in the service as
/// SQLite orders them, and a common word's read in the listing's order from an index that holds
/// each product's text, kept in step with every kind of write.
@Suite struct SearchReadingTests {
    /// Sort keys that differ in their first eight bytes, only after them, only in length, by a
    /// zero byte, in bytes beyond ASCII, or not at all (then by id, "p10" before "p2" as bytes).
    static let keys: [(sortKey: String, id: String)] = [
        ("abcdefgh", "p1"), ("abcdefghi", "p2"), ("abcdefgh\u{0}", "p3"), ("abcdefgz", "p4"), ("ab", "p5"),
        ("a", "p6"), ("", "p7"), ("é", "p8"), ("e", "p9"), ("z", "p10"), ("三体", "p11"), ("体", "p12"),
        ("same", "p2"), ("same", "p10"), ("same", "p1"), ("a\u{0}", "p13"), ("ÿ", "p14"),
    ]

    @Test func matchKeysPutMatchesInTheOrderSQLiteGivesTheirKeys() throws {
        let opened = try StoreBackend.sqlite.open(); defer { opened.cleanUp() }
        let database = opened.database
        try database.execute("CREATE TABLE keys (sort_key TEXT NOT NULL, id TEXT NOT NULL)")
        var matches = MatchKeys()
        for (offset, key) in Self.keys.enumerated() {
            try database.run("INSERT INTO keys (rowid, sort_key, id) VALUES (?, ?, ?)", offset + 1, key.sortKey, key.id)
            Array(key.sortKey.utf8).withUnsafeBufferPointer { sortKey in
                Array(key.id.utf8).withUnsafeBufferPointer { id in matches.append(rowid: Int64(offset + 1), sortKey: sortKey, id: id) }
            }
        }
        let ordered = try database.query("SELECT rowid FROM keys ORDER BY sort_key, id").map { $0.int64("rowid") }
        #expect(matches.rowidsInOrder() == ordered)
        #expect(MatchKeys().rowidsInOrder().isEmpty)
    }

    static func product(_ index: Int, holding word: Bool) -> Product {
        CatalogueImportTests.product(String(format: "r%04d", index), "name \(index % 37) \(index)",
                                     category: ["A", "B"][index % 2], description: word ? "一体 \(index)" : "none")
    }

    /// "体" in half of 700 products is read in the listing's order (not through the search index),
    /// from the index with the text: after the import built that index at its end, after upserts that
    /// take the word out of a product, put it in another and rename a third, and after a second import
    /// that replaces products row by row, every page and total is the products'.
    @Test func aCommonWordReadInOrderFromTheIndexWithTheTextAgreesAfterEveryKindOfWrite() throws {
        let opened = try StoreBackend.sqlite.open(); defer { opened.cleanUp() }
        let store = try ProductStore(database: opened.database, seed: false)
        var all = Dictionary(uniqueKeysWithValues: (0..<700).map { ($0, Self.product($0, holding: $0.isMultiple(of: 2))) })
        _ = try CatalogueImportTests.importing((0..<700).compactMap { all[$0] }.map(CatalogueImportTests.line), into: store, batchSize: 100)

        let plan = try opened.database.query("""
            EXPLAIN QUERY PLAN SELECT products.rowid AS page_key FROM products WHERE INSTR(search_text, ?) > 0
            ORDER BY products.sort_key, products.id LIMIT 25 OFFSET 0
            """, arguments: ["体"]).map { $0.string("detail") }
        #expect(plan == ["SCAN products USING COVERING INDEX products_by_name_with_text"])
        // The search index is rebuilt from the table in row id order, not from that index in the listing's.
        let rebuild = try opened.database.query("EXPLAIN QUERY PLAN " + FullTextSearch.rebuildSQL).map { $0.string("detail") }
        #expect(rebuild.contains("SCAN products") && !rebuild.contains { $0.contains("INDEX") })
        let plan700 = try store.searchPlan(["体"], category: nil, window: 25)
        #expect(plan700.map { $0.readsInOrder(matches: 350, window: 25) } == true)

        func check(_ moment: String) throws {
            let products = Array(all.values)
            for offset in [0, 25, 150, 340] {
                let page = try store.page(ProductQuery(text: "体", limit: 25, offset: offset))
                let expected = CatalogueImportTests.expected("体", in: products)
                #expect(page.total == expected.count, "total \(moment)")
                #expect(page.items.map(\.id) == Array(expected.dropFirst(offset).prefix(25)), "page from \(offset) \(moment)")
            }
        }
        try check("after the import")

        var taken = try #require(all[0])
        taken.description = "none"
        var given = try #require(all[1])
        given.description = "体 given"
        var renamed = try #require(all[2])
        renamed.name = "Aardvark first"
        for product in [taken, given, renamed] {
            try store.upsert(product)
            all[Int(product.id.dropFirst()) ?? -1] = product
        }
        try check("after upserts")

        let replaced = (10..<20).map { Self.product($0, holding: !$0.isMultiple(of: 2)) }
        _ = try CatalogueImportTests.importing(replaced.map(CatalogueImportTests.line), into: store)
        for product in replaced { all[Int(product.id.dropFirst()) ?? -1] = product }
        try check("after a second import")
    }
}
