import Foundation
import StoreWire
import StoreHTTP
import Testing

/// Catalogue calls against the real product service over loopback.
@Suite struct CatalogueTests {
    let store: RunningStore
    init() throws { store = try RunningStore() }
    var client: StoreClient { store.client }

    @Test func categoriesCountEveryProduct() throws {
        let categories = try client.categories()
        #expect(!categories.isEmpty)
        let all = try client.products(ProductQuery(limit: 1))
        #expect(categories.reduce(0) { $0 + $1.productCount } == all.total)
        for category in categories {
            let page = try client.products(ProductQuery(category: category.id, limit: 100))
            #expect(page.total == category.productCount)
            #expect(page.items.allSatisfy { $0.category == category.id })
        }
    }

    @Test func pagesOfTwentyFiveJoinUpToTheWholeList() throws {
        let whole = try client.products(ProductQuery(limit: 100))
        #expect(whole.total > ProductQuery.pageSize)
        var paged: [Product] = []
        var offset = 0
        while offset < whole.total {
            let page = try client.products(ProductQuery(offset: offset))
            #expect(page.items.count == min(ProductQuery.pageSize, whole.total - offset))
            #expect(page.offset == offset && page.limit == ProductQuery.pageSize && page.total == whole.total)
            paged += page.items
            offset += ProductQuery.pageSize
        }
        #expect(paged.map(\.id) == Array(whole.items.prefix(whole.total)).map(\.id))
    }

    @Test func searchFindsNamesWithAccentsAndCJK() throws {
        let whole = try client.products(ProductQuery(limit: 100))
        let unusual = whole.items.filter { $0.name.unicodeScalars.contains { !$0.isASCII } }
        #expect(!unusual.isEmpty)
        for product in unusual {
            let found = try client.products(ProductQuery(text: product.name))
            #expect(found.items.contains { $0.id == product.id }, "searching \(product.name)")
        }
    }

    @Test func productByIDMatchesTheListing() throws {
        let listed = try client.products(ProductQuery(limit: 5)).items
        #expect(!listed.isEmpty)
        for product in listed {
            #expect(try client.product(id: product.id) == product)
        }
    }

    @Test func featuredProductsOnly() throws {
        let featured = try client.products(ProductQuery(featured: true, limit: 100))
        let all = try client.products(ProductQuery(limit: 100))
        #expect(featured.total > 0 && featured.total < all.total)
    }

    @Test func unknownProductIsA404WithItsCode() throws {
        #expect {
            try client.product(id: "no-such-product")
        } throws: { error in
            let error = error as? APIError
            return error?.status == 404 && error?.code == "product_not_found"
        }
    }

    @Test func badLimitIsA400NamingTheParameter() throws {
        do {
            _ = try client.products(ProductQuery(limit: 1000))
            Issue.record("a limit of 1000 was accepted")
        } catch let APIError.service(status, error) {
            #expect(status == 400)
            #expect(error.param == "limit")
        }
    }
}
