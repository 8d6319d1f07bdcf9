import Foundation
import Testing
import StoreWire
import TestSupport
@testable import StoreServices

/// The same cases for every store on every database implementation
/// (`StoreBackend`): what a store promises does not depend on where it keeps its rows.
@Suite struct StoreContractTests {
    // MARK: Users

    @Test(arguments: StoreBackend.allCases)
    func usersAreFoundByEmailAndIdAndAnEmailHasOneAccount(backend: StoreBackend) throws {
        let opened = try backend.open(); defer { opened.cleanUp() }
        let store = try UserStore(database: opened.database)
        let address = Address(name: "Zoë", line1: "1 Rue de l'Église", city: "Zürich", postcode: "8001", country: "Switzerland")
        let user = User(id: "usr_1", email: "zoë@example.com", name: "Zoë 三体", address: address)
        try store.insert(user, passwordHash: "hash-1")
        #expect(throws: UserStore.InsertError.emailTaken) {
            try store.insert(User(id: "usr_2", email: "zoë@example.com", name: "Other", address: nil), passwordHash: "hash-2")
        }
        // Emails compare as stored: another letter case is another account, as on SQLite.
        try store.insert(User(id: "usr_3", email: "ZOË@example.com", name: "Upper", address: nil), passwordHash: "hash-3")
        let found = try #require(try store.find(email: "zoë@example.com"))
        #expect(found.user == user && found.passwordHash == "hash-1")
        #expect(try store.find(id: "usr_3")?.name == "Upper")
        #expect(try store.find(id: "usr_missing") == nil)
        #expect(try store.find(email: "nobody@example.com") == nil)
        // A second instance's store on the same database sees the rows and keeps the schema.
        let again = try UserStore(database: opened.reopen())
        #expect(try again.find(id: "usr_1") == user)
    }

    // MARK: Products

    @Test(arguments: StoreBackend.allCases)
    func theCatalogueIsSeededOnceListedInOrderAndSearched(backend: StoreBackend) throws {
        let opened = try backend.open(); defer { opened.cleanUp() }
        let store = try ProductStore(database: opened.database)
        let all = try store.page(ProductQuery(limit: 1000, offset: 0))
        #expect(all.total == SeedBooks.all.count + SeedComputers.all.count && all.items.count == all.total)
        #expect(all.items.map { SearchText.sortKey($0) } == all.items.map { SearchText.sortKey($0) }.sorted())
        _ = try ProductStore(database: opened.reopen())   // a second start seeds nothing more
        #expect(try store.page(ProductQuery(limit: 1, offset: 0)).total == all.total)

        let categories = try store.categories()
        #expect(categories.map(\.id) == ["BOOKS", "COMPUTERS"])
        #expect(categories.map(\.productCount) == [SeedBooks.all.count, SeedComputers.all.count])
        #expect(try store.categoryID(matching: "books") == "BOOKS")
        #expect(try store.categoryID(matching: "novels") == nil)

        let books = try store.page(ProductQuery(category: "BOOKS", limit: 3, offset: 1))
        #expect(books.total == SeedBooks.all.count && books.items.count == 3 && books.items.allSatisfy { $0.category == "BOOKS" })
        let sample = try #require(all.items.first)
        let word = try #require(SearchText.terms(sample.name).first)
        let found = try store.page(ProductQuery(text: word, limit: 1000, offset: 0))
        #expect(found.items.contains(sample) && found.total == found.items.count)
        #expect(try store.page(ProductQuery(featured: true, limit: 1000, offset: 0)).total
                == (SeedBooks.all + SeedComputers.all).filter(\.featured).count)

        var changed = sample
        changed.name = "Ünïcode — \u{0}edition"
        changed.stock = 7
        try store.upsert(changed)
        #expect(try store.product(id: sample.id) == changed)
        #expect(try store.products(ids: [sample.id, "missing"]) == [sample.id: changed])
    }

    @Test(arguments: StoreBackend.allCases)
    func stockIsReservedAndReleasedOnceAndAReleasedOrderCannotReserve(backend: StoreBackend) throws {
        let opened = try backend.open(); defer { opened.cleanUp() }
        let store = try ProductStore(database: opened.database)
        let product = try Self.physicalProduct(in: store, stock: 5)
        try store.reserveStock(forOrder: "ord_1", [product.id: 2])
        try store.reserveStock(forOrder: "ord_1", [product.id: 2])   // again: nothing more is taken
        #expect(try store.product(id: product.id)?.stock == 3)
        #expect(try store.heldStock(ofOrder: "ord_1") == [product.id: 2])
        #expect(throws: StockError.insufficient(productID: product.id, name: product.name, available: 3)) {
            try store.reserveStock(forOrder: "ord_2", [product.id: 4])
        }
        #expect(try store.heldStock(ofOrder: "ord_2") == nil)
        #expect(throws: StockError.unknownProduct("nope")) { try store.reserveStock(forOrder: "ord_3", ["nope": 1]) }

        try store.releaseStock(ofOrder: "ord_1")
        try store.releaseStock(ofOrder: "ord_1")
        #expect(try store.product(id: product.id)?.stock == 5)
        #expect(try store.heldStock()[product.id] == nil)
        #expect(throws: StockError.released(orderID: "ord_1")) { try store.reserveStock(forOrder: "ord_1", [product.id: 1]) }
        try store.releaseStock(ofOrder: "ord_never")
        #expect(throws: StockError.released(orderID: "ord_never")) { try store.reserveStock(forOrder: "ord_never", [product.id: 1]) }
    }

    @Test(arguments: StoreBackend.allCases)
    func twoInstancesReservingTheLastUnitsAtOnceSellEachUnitOnce(backend: StoreBackend) throws {
        let opened = try backend.open(); defer { opened.cleanUp() }
        let first = try ProductStore(database: opened.database)
        let second = try ProductStore(database: opened.reopen(), seed: false)
        let product = try Self.physicalProduct(in: first, stock: 10)
        let results = ReservationResults()
        Self.atOnce(40) { index in
            let store = index.isMultiple(of: 2) ? first : second
            do {
                try store.reserveStock(forOrder: "ord_\(index)", [product.id: 1])
                results.record(.reserved)
            } catch let error as StockError {
                if case .insufficient = error { results.record(.soldOut) } else { results.record(.other("\(error)")) }
            } catch {
                results.record(.other("\(error)"))
            }
        }
        #expect(results.count(.reserved) == 10 && results.count(.soldOut) == 30, "\(results.all)")
        #expect(try first.product(id: product.id)?.stock == 0)
        #expect(try second.heldStock()[product.id] == 10)

        // Both instances release every order at once: each unit comes back once.
        Self.atOnce(80) { index in
            let store = index.isMultiple(of: 2) ? first : second
            try? store.releaseStock(ofOrder: "ord_\(index / 2)")
        }
        #expect(try second.product(id: product.id)?.stock == 10)
        #expect(try first.heldStock()[product.id] == nil)
    }

    // MARK: Card network

    @Test(arguments: StoreBackend.allCases)
    func anAttemptIsChargedOnceEvenWhenTwoInstancesAuthoriseItAtOnce(backend: StoreBackend) throws {
        let opened = try backend.open(); defer { opened.cleanUp() }
        let first = try CardNetwork(database: opened.database)
        let second = try CardNetwork(database: opened.reopen())
        let card = ValidatedCard(digits: "4242424242424242", brand: .visa)
        let outcomes = Locked<[CardNetwork.Outcome]>([])
        Self.atOnce(12) { index in
            let network = index.isMultiple(of: 2) ? first : second
            if let outcome = try? network.authorise(attempt: "att_1", orderId: "ord_1", customer: "usr_1",
                                                    amount: Money(1999, "NZD"), card: card, fingerprint: "fp-1") {
                outcomes.mutate { $0.append(outcome) }
            }
        }
        let charges = try first.allCharges()
        #expect(charges.count == 1 && charges.first?.status == .authorised)
        #expect(outcomes.value.count == 12 && outcomes.value.allSatisfy { $0 == .approved(charges[0]) }, "\(outcomes.value)")
        #expect(try second.authorise(attempt: "att_1", orderId: "ord_1", customer: "usr_1", amount: Money(1999, "NZD"),
                                     card: card, fingerprint: "fp-other") == .differentCard)

        // A capture and a void of one attempt at once: exactly one of them wins, and the charge says which.
        let results = Locked<[Bool]>([])
        Self.atOnce(2) { index in
            let won = index == 0 ? try? first.capture(attempt: "att_1") : try? second.void(attempt: "att_1", orderId: "ord_1")
            results.mutate { $0.append(won ?? false) }
        }
        let status = try #require(try first.charge(attempt: "att_1")?.status)
        #expect(status == .captured || status == .voided)
        #expect(results.value.filter { $0 }.count == 1, "\(results.value) with the charge \(status)")

        // A void before any authorisation records the attempt, so it cannot be authorised later.
        #expect(try first.void(attempt: "att_2", orderId: "ord_2"))
        #expect(try second.authorise(attempt: "att_2", orderId: "ord_2", customer: "usr_1", amount: Money(1, "NZD"),
                                     card: card, fingerprint: "fp-1") == .voided)
    }

    /// Runs `body` on `count` threads of their own, started together (more
    /// than a dispatch queue would run at once on a machine with few cores).
    static func atOnce(_ count: Int, _ body: @escaping @Sendable (Int) -> Void) {
        let group = DispatchGroup()
        let start = DispatchSemaphore(value: 0)
        for index in 0..<count {
            group.enter()
            Thread.detachNewThread {
                start.wait()
                body(index)
                group.leave()
            }
        }
        for _ in 0..<count { start.signal() }
        group.wait()
    }

    static func physicalProduct(in store: ProductStore, stock: Int) throws -> Product {
        var product = try #require(try store.page(ProductQuery(limit: 1000, offset: 0)).items.first { $0.kind == .physical })
        product.stock = stock
        try store.upsert(product)
        return product
    }
}

/// Outcomes of concurrent reservations, collected from many threads.
final class ReservationResults: @unchecked Sendable {
    enum Outcome: Hashable { case reserved, soldOut, other(String) }
    private let lock = NSLock()
    private var outcomes: [Outcome] = []
    func record(_ outcome: Outcome) { lock.lock(); outcomes.append(outcome); lock.unlock() }
    func count(_ outcome: Outcome) -> Int { lock.lock(); defer { lock.unlock() }; return outcomes.filter { $0 == outcome }.count }
    var all: [Outcome] { lock.lock(); defer { lock.unlock() }; return outcomes }
}
