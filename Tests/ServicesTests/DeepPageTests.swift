import Foundation
import Testing
import StoreWire
import TestSupport
@testable import StoreServices

/// Deep pages of the plain listings start from a kept milestone (`ListingMilestones`): they must
/// be the very pages a walk from the listing's start gives, before and after the catalogue changes.
@Suite struct DeepPageTests {
    /// Each category's listing past two milestones.
    static let size = 3 * (2 * ListingMilestones.spacing + 50)
    static let categories = ["ALPHA", "BETA", "GAMMA"]

    /// Names in an order of their own, not the ids'.
    static func lines() throws -> [String] {
        try (0..<size).map { number in
            let product = Product(id: String(format: "deep-%04d", number), name: "Item \((number * 7_919) % 1_000) \(number % 3)",
                                  description: "", category: categories[number % categories.count], kind: .physical,
                                  price: Money(100 + number), stock: number % 5)
            return String(decoding: try JSONBody.encode(product), as: UTF8.self)
        }
    }

    /// Every product of the listing in order, read as one page from the start (no milestone).
    static func listing(_ store: ProductStore, category: String?) throws -> [Product] {
        try store.page(ProductQuery(category: category, limit: size + 10)).items
    }

    static func expectPagesAsWalked(_ store: ProductStore, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let spacing = ListingMilestones.spacing
        for category in [nil] + categories.map(Optional.some) {
            let all = try listing(store, category: category)
            for offset in [spacing - 1, spacing, spacing + 1, 2 * spacing - 3, 2 * spacing, all.count - 25, all.count - 1, all.count, Int.max] {
                let query = ProductQuery(category: category, limit: 25, offset: offset)
                let page = try store.page(query)
                let walked = offset < all.count ? Array(all[offset..<min(all.count, offset + 25)]) : []
                #expect(page.items == walked, "\(category ?? "all") at \(offset)", sourceLocation: sourceLocation)
                #expect(page.total == all.count, sourceLocation: sourceLocation)
                #expect(String(decoding: try store.pageJSON(query), as: UTF8.self) == String(decoding: try JSONBody.encode(page), as: UTF8.self),
                        sourceLocation: sourceLocation)
            }
        }
    }

    @Test func deepPagesFromMilestonesAreThePagesWalkedFromTheStart() throws {
        let opened = try StoreBackend.sqlite.open(); defer { opened.cleanUp() }
        let store = try ProductStore(database: opened.database, seed: false)
        store.milestones = ListingMilestones(readsInBackground: false)
        _ = try CatalogueImportTests.importing(try Self.lines(), into: store)
        // The first deep page of each listing reads its milestones; the pages after start from them.
        try Self.expectPagesAsWalked(store)
        #expect(store.milestones.start(at: 2 * ListingMilestones.spacing + 5, category: nil)?.skip == 5)
        #expect(store.milestones.start(at: ListingMilestones.spacing, category: "BETA") != nil)
        try Self.expectPagesAsWalked(store)

        // Stock moves keep the order and the milestones; the pages show the stock now.
        try store.reserveStock(forOrder: "deep-order", ["deep-0403": 1, "deep-0404": 2])
        try Self.expectPagesAsWalked(store)

        // A product that sorts first moves every place after it: the kept milestones no longer
        // hold, so pages are walked until they are read again, and then start from the new ones.
        try store.upsert(Product(id: "deep-first", name: "0 first", description: "", category: "ALPHA", kind: .digital,
                                 price: Money(1), stock: 0))
        try Self.expectPagesAsWalked(store)
        for category in [nil] + Self.categories {
            store.milestones.readSoon(category: category, in: try #require(store.database as? SQLiteDatabase),
                                      now: Date().addingTimeInterval(60))
        }
        try Self.expectPagesAsWalked(store)
    }
}
