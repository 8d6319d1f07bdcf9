import Foundation
import Testing
import StoreWire
import TestSupport

/// The product service over real HTTP: listing, filters, search, paging, categories.
@Suite struct CatalogueTests {
    /// The name order a shopper expects: letter case and accents do not matter.
    static func folded(_ name: String) -> String {
        name.folding(options: [.caseInsensitive, .diacriticInsensitive, .widthInsensitive], locale: nil)
    }

    static func page(_ shop: TestStore, _ query: String) throws -> ProductPage {
        let answer = try shop.send("GET", "/product/v1/products" + query)
        #expect(answer.status == 200, "\(query): \(answer.text)")
        return try answer.decode(ProductPage.self)
    }

    /// Every product, by walking the pages of 25.
    static func everything(_ shop: TestStore, _ filter: String = "") throws -> (items: [Product], total: Int) {
        var items: [Product] = []
        var total = 0
        repeat {
            let page = try page(shop, "?offset=\(items.count)" + filter)
            total = page.total
            items += page.items
            if page.items.isEmpty { break }
        } while items.count < total
        return (items, total)
    }

    @Test func pagesOf25AreAlphabeticalAndAddUpToTheTotal() throws {
        let shop = try TestStore(options: TestStore.fastOptions); defer { shop.stop() }
        let first = try Self.page(shop, "")
        #expect(first.limit == 25 && first.offset == 0)
        #expect(first.items.count == 25)
        #expect(first.total >= 60)

        let all = try Self.everything(shop)
        #expect(all.items.count == all.total)
        #expect(Set(all.items.map(\.id)).count == all.total, "a product appears on two pages")
        let keys = all.items.map { Self.folded($0.name) }
        #expect(keys == keys.sorted(), "not alphabetical: \(all.items.map(\.name))")
    }

    @Test func seedHasBothCategoriesKindsAndSomeUnusualNames() throws {
        let shop = try TestStore(options: TestStore.fastOptions); defer { shop.stop() }
        let all = try Self.everything(shop).items
        #expect(Set(all.map(\.category)) == ["BOOKS", "COMPUTERS"])
        for category in ["BOOKS", "COMPUTERS"] {
            let kinds = Set(all.filter { $0.category == category }.map(\.kind))
            #expect(kinds == [.physical, .digital], "\(category) has \(kinds)")
        }
        #expect(all.contains { $0.kind == .physical && $0.stock == 0 })
        #expect(all.contains { $0.kind == .physical && (1...3).contains($0.stock) })
        #expect(all.contains { $0.name.unicodeScalars.contains { $0.value >= 0x3000 } }, "no CJK name")
        #expect(all.contains { $0.name.unicodeScalars.contains { (0xC0...0x17F).contains($0.value) } }, "no accented name")
        #expect(all.contains { $0.name.count > 60 }, "no long name")
        let book = try #require(all.first { $0.category == "BOOKS" })
        #expect(book.attributes.map(\.name).contains("Author"))
        #expect(all.allSatisfy { $0.price.currency == "NZD" && $0.price.amount > 0 })
    }

    @Test func categoryFilterKeepsOnlyThatCategoryAndCountsMatchCategories() throws {
        let shop = try TestStore(options: TestStore.fastOptions); defer { shop.stop() }
        let categories = try shop.send("GET", "/product/v1/categories").decode([StoreWire.Category].self)
        #expect(categories.map(\.id) == ["BOOKS", "COMPUTERS"])
        let total = try Self.page(shop, "").total
        #expect(categories.reduce(0) { $0 + $1.productCount } == total)
        for category in categories {
            let listed = try Self.everything(shop, "&category=\(category.id)")
            #expect(listed.total == category.productCount)
            #expect(listed.items.allSatisfy { $0.category == category.id })
        }
        // Letter case of the category does not matter.
        #expect(try Self.page(shop, "?category=books").total == categories[0].productCount)
    }

    @Test func unknownCategoryIsA404NamingTheParameter() throws {
        let shop = try TestStore(options: TestStore.fastOptions); defer { shop.stop() }
        let answer = try shop.send("GET", "/product/v1/products?category=GARDEN")
        #expect(answer.status == 404)
        #expect(answer.serviceError?.code == "category_not_found")
        #expect(answer.serviceError?.param == "category")
    }

    @Test func searchMatchesNameDescriptionAndAttributesIgnoringCaseAndAccents() throws {
        let shop = try TestStore(options: TestStore.fastOptions); defer { shop.stop() }
        let all = try Self.everything(shop).items
        func haystack(_ product: Product) -> String {
            Self.folded(([product.name, product.description] + product.attributes.map(\.value)).joined(separator: " "))
        }
        // Several words must all match.
        for query in ["TOLKIEN", "keyboard", "miserables", "三体", "M3", "frank herbert", "Gabriel García", "Hardcover"] {
            let encoded = query.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!
            let found = try Self.everything(shop, "&q=\(encoded)")
            let words = Self.folded(query).split(separator: " ").map(String.init)
            let expected = all.filter { product in words.allSatisfy { haystack(product).contains($0) } }
            #expect(!expected.isEmpty, "the seed has nothing for \(query)")
            #expect(found.items.map(\.id) == expected.map(\.id), "search for \(query)")
        }
        // Search combines with the category.
        let laptops = try Self.everything(shop, "&category=BOOKS&q=laptop")
        #expect(laptops.total == 0)
        let nothing = try Self.page(shop, "?q=zzzzqqq")
        #expect(nothing.total == 0 && nothing.items.isEmpty)
    }

    @Test func featuredFilterGivesAHandfulOfProducts() throws {
        let shop = try TestStore(options: TestStore.fastOptions); defer { shop.stop() }
        let featured = try Self.page(shop, "?featured=true&limit=100")
        #expect((4...12).contains(featured.total))
        let plain = try Self.page(shop, "?featured=false&limit=100")
        #expect(plain.total > featured.total)
        for value in ["maybe", "", "yes", "1", "TRUE"] {
            #expect(try shop.send("GET", "/product/v1/products?featured=\(value)").serviceError?.param == "featured", "featured=\(value)")
        }
    }

    @Test func limitAndOffsetAreCheckedAndHonoured() throws {
        let shop = try TestStore(options: TestStore.fastOptions); defer { shop.stop() }
        for bad in ["limit=0", "limit=101", "limit=abc", "limit=-5", "limit="] {
            let answer = try shop.send("GET", "/product/v1/products?\(bad)")
            #expect(answer.status == 400, "\(bad)")
            #expect(answer.serviceError?.param == "limit", "\(bad)")
        }
        for bad in ["offset=-1", "offset=x"] {
            let answer = try shop.send("GET", "/product/v1/products?\(bad)")
            #expect(answer.status == 400 && answer.serviceError?.param == "offset", "\(bad)")
        }
        let all = try Self.page(shop, "?limit=100")
        let window = try Self.page(shop, "?limit=7&offset=10")
        #expect(window.items.map(\.id) == Array(all.items[10..<17]).map(\.id))
        let past = try Self.page(shop, "?offset=\(all.total + 10)")
        #expect(past.items.isEmpty && past.total == all.total)
    }

    @Test func oneProductByIdAndUnknownIdIs404() throws {
        let shop = try TestStore(options: TestStore.fastOptions); defer { shop.stop() }
        let listed = try #require(Self.page(shop, "?q=hobbit").items.first)
        let fetched = try shop.send("GET", "/product/v1/products/\(listed.id)").decode(Product.self)
        #expect(fetched == listed)
        let missing = try shop.send("GET", "/product/v1/products/no-such-thing")
        #expect(missing.status == 404)
        #expect(missing.serviceError?.code == "product_not_found")
    }

    @Test func catalogueSurvivesARestartWithoutReseeding() throws {
        let shop = try TestStore(options: TestStore.fastOptions); defer { shop.stop() }
        let before = try Self.page(shop, "?limit=100")
        let hobbit = try #require(before.items.first { $0.kind == .physical && $0.stock >= 2 })
        try shop.store.products.reserveStock(forOrder: "ord_test", [hobbit.id: 2])
        try shop.restart()
        let after = try Self.page(shop, "?limit=100")
        #expect(after.total == before.total)
        #expect(try shop.send("GET", "/product/v1/products/\(hobbit.id)").decode(Product.self).stock == hobbit.stock - 2)
    }
}

extension CatalogueTests {
    @Test func attributeNamesAreNotSearchedOnlyTheirValues() throws {
        let shop = try TestStore(options: TestStore.fastOptions); defer { shop.stop() }
        let books = try Self.page(shop, "?category=BOOKS").total
        let author = try Self.page(shop, "?q=author").total
        #expect(author < books, "'author' matched \(author) of \(books) books")
    }
}
