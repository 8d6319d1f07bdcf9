import Foundation
import Testing
import StoreWire
import TestSupport
@testable import StoreServices

/// The catalogue's answers are written straight from the rows, the stored
/// attributes carried as they are when they can be: the bytes must be those
/// `JSONBody` writes for the products and pages the store reads, on every database.
@Suite struct ProductAnswerTests {
    static let odd = "三体 Zoë \"quoted\" a/b back\\slash\ttab\nline\r\u{8}\u{C}\u{0}\u{1F} é👩‍💻"

    static let products = [
        Product(id: "odd-1", name: odd, description: odd, category: "GARDEN_TOOLS", kind: .physical,
                price: Money(1999), stock: 3,
                attributes: [ProductAttribute(odd, odd), ProductAttribute("", ""), ProductAttribute("Café", "Crème brûlée")]),
        Product(id: "odd-2", name: "Ärger im 三体", description: "", category: "GARDEN_TOOLS", kind: .digital,
                price: Money(0, "EUR"), stock: 0),
        Product(id: "odd-3", name: "Plain", description: "a/b", category: "GARDEN_TOOLS", kind: .physical,
                price: Money(5), stock: 1, attributes: [ProductAttribute("Author", "Zoë Ø'Brien")]),
    ]

    static func expectSameAnswers(_ store: ProductStore, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let queries = [ProductQuery(limit: 1000), ProductQuery(category: "GARDEN_TOOLS"), ProductQuery(text: "zoë"),
                       ProductQuery(featured: true), ProductQuery(text: "nothing-matches-this"), ProductQuery(limit: 2, offset: 1)]
        for query in queries {
            let fast = String(decoding: try store.pageJSON(query), as: UTF8.self)
            let encoded = String(decoding: try JSONBody.encode(store.page(query)), as: UTF8.self)
            #expect(fast == encoded, "\(query)", sourceLocation: sourceLocation)
        }
        for product in try store.page(ProductQuery(limit: 1000)).items + products {
            let fast = try #require(try store.productJSON(id: product.id), sourceLocation: sourceLocation)
            let encoded = try JSONBody.encode(try #require(try store.product(id: product.id)))
            #expect(String(decoding: fast, as: UTF8.self) == String(decoding: encoded, as: UTF8.self), sourceLocation: sourceLocation)
        }
        #expect(try store.productJSON(id: "missing") == nil, sourceLocation: sourceLocation)
    }

    @Test(arguments: StoreBackend.allCases)
    func answersAreTheBytesTheEncoderWritesForWhatTheStoreReads(backend: StoreBackend) throws {
        let opened = try backend.open(); defer { opened.cleanUp() }
        let store = try ProductStore(database: opened.database)
        for (index, product) in Self.products.enumerated() { try store.upsert(product, featured: index == 0) }
        #expect(try store.product(id: "odd-1") == Self.products[0])
        try Self.expectSameAnswers(store)
    }

    /// An answer is kept with only its stock read again: a reservation's stock shows at once,
    /// and a product changed through another handle to the database (another process, a
    /// second instance) is answered as it is now, in a page and on its own.
    @Test(arguments: StoreBackend.allCases)
    func keptAnswersShowTheStockNowAndChangesMadeElsewhere(backend: StoreBackend) throws {
        let opened = try backend.open(); defer { opened.cleanUp() }
        let store = try ProductStore(database: opened.database)
        for product in Self.products { try store.upsert(product) }
        try Self.expectSameAnswers(store)
        try store.reserveStock(forOrder: "order-1", ["odd-1": 2, "odd-3": 1])
        #expect(try store.product(id: "odd-3")?.stock == 0)
        try Self.expectSameAnswers(store)
        try store.releaseStock(ofOrder: "order-1")
        #expect(try store.product(id: "odd-3")?.stock == 1)
        try Self.expectSameAnswers(store)

        let elsewhere = try ProductStore(database: try opened.reopen(), seed: false)
        var renamed = Self.products[2]
        renamed.name = "Renamed elsewhere"
        renamed.attributes = [ProductAttribute("Author", "Someone else")]
        try elsewhere.upsert(renamed)
        let answer = String(decoding: try #require(try store.productJSON(id: renamed.id)), as: UTF8.self)
        #expect(answer == String(decoding: try JSONBody.encode(renamed), as: UTF8.self))
        #expect(String(decoding: try store.pageJSON(ProductQuery(text: "renamed")), as: UTF8.self).contains("Someone else"))
        try Self.expectSameAnswers(store)
    }

    /// Attributes stored in another spelling (by an earlier version, or by hand)
    /// are decoded and written again, and a text that is no list of attributes reads as none.
    @Test(arguments: StoreBackend.allCases)
    func attributesStoredInAnotherSpellingAreAnsweredAsDecoded(backend: StoreBackend) throws {
        let opened = try backend.open(); defer { opened.cleanUp() }
        let store = try ProductStore(database: opened.database)
        for product in Self.products { try store.upsert(product) }
        // Read once first: decoded attributes are kept by their text, and what is kept must not outlive a change.
        #expect(try store.product(id: "odd-1") == Self.products[0])
        let spellings = [
            "odd-1": #"[ {"value": "a\/b \u00e9\u000a", "name": "Ünit"} ]"#,
            "odd-2": "not json",
            "odd-3": #"[{"name":"a","value":"b"}]"#,
        ]
        for (id, attributes) in spellings {
            try opened.database.run("UPDATE products SET attributes = ? WHERE id = ?", attributes, id)
        }
        #expect(try store.product(id: "odd-1")?.attributes == [ProductAttribute("Ünit", "a/b é\n")])
        #expect(try store.product(id: "odd-2")?.attributes == [])
        try Self.expectSameAnswers(store)
    }
}
