import Foundation
import Testing
@testable import StoreServices
import TestSupport

/// Every cart store keeps the same promises: the same cases run against the
/// in-memory store and against Redis (a real redis-server shared by the
/// suite, each test under a key prefix of its own).
@Suite struct CartStoreContractTests {
    enum Kind: String, CaseIterable, CustomTestStringConvertible {
        case memory, redis
        var testDescription: String { rawValue }
    }

    /// A store for one test; `close()` gives back the shared redis-server.
    final class Subject {
        let store: CartStore
        let location: CartStoreLocation
        let keyPrefix: String
        private var redis: RedisServer?

        init(_ kind: Kind, anonymousTTL: TimeInterval? = nil) throws {
            keyPrefix = "test-\(UUID().uuidString):"
            switch kind {
            case .memory:
                location = .memory
            case .redis:
                let server = try RedisServer.lease()
                redis = server
                location = .redis(try RedisAddress(parsing: server.url()))
            }
            store = try location.makeStore(anonymousLimit: InMemoryCartStore.defaultAnonymousLimit,
                                           anonymousTTL: anonymousTTL, keyPrefix: keyPrefix)
        }

        deinit { close() }

        func close() {
            guard redis != nil else { return }
            redis = nil
            RedisServer.release()
        }
    }

    static let ebook = CartItem(productId: "dune-ebook", quantity: 1)
    static let laptop = CartItem(productId: "laptop", quantity: 2)

    struct Refused: Error {}

    @Test(arguments: Kind.allCases)
    func aCreatedCartIsEmptyAndCreatingAgainKeepsIt(kind: Kind) throws {
        let subject = try Subject(kind); defer { subject.close() }
        let store = subject.store
        #expect(try store.items(of: .anonymous("a1")) == nil)
        try store.create(.anonymous("a1"))
        #expect(try store.items(of: .anonymous("a1")) == [])
        _ = try store.update(.anonymous("a1"), createIfMissing: false) { $0 + [Self.ebook] }
        try store.create(.anonymous("a1"))
        #expect(try store.items(of: .anonymous("a1")) == [Self.ebook], "create does not wipe a cart that exists")
    }

    @Test(arguments: Kind.allCases)
    func linesAreSetRemovedAndEmptiedInTheOrderAdded(kind: Kind) throws {
        let subject = try Subject(kind); defer { subject.close() }
        let store = subject.store
        let owner = CartOwner.anonymous("a2")
        try store.create(owner)
        #expect(try store.update(owner, createIfMissing: false) { $0 + [Self.laptop, Self.ebook] } == [Self.laptop, Self.ebook])
        let raised = try store.update(owner, createIfMissing: false) { items in
            items.map { $0.productId == "laptop" ? CartItem(productId: "laptop", quantity: 5) : $0 }
        }
        #expect(raised == [CartItem(productId: "laptop", quantity: 5), Self.ebook])
        #expect(try store.items(of: owner) == raised)
        #expect(try store.update(owner, createIfMissing: false) { $0.filter { $0.productId != "laptop" } } == [Self.ebook])
        #expect(try store.update(owner, createIfMissing: false) { _ in [] } == [])
        #expect(try store.items(of: owner) == [], "an emptied cart still exists")
        try store.delete(owner)
        #expect(try store.items(of: owner) == nil)
        try store.delete(owner)
    }

    /// Setting a line, as a shopper does: a new line goes last, a line there
    /// keeps its place and takes the new quantity and time, 0 removes it and a
    /// line put back goes last again; a missing anonymous cart is not made, a shopper's is.
    @Test(arguments: Kind.allCases)
    func aLineIsSetInPlaceAddedLastAndRemovedAtZero(kind: Kind) throws {
        let subject = try Subject(kind); defer { subject.close() }
        let store = subject.store
        let owner = CartOwner.anonymous("s1")
        try store.create(owner)
        let first = 1_764_700_000.123456, later = 1_764_700_100.654321
        #expect(try store.setLine("laptop", quantity: 2, changedAt: first, in: owner, createIfMissing: false)
                == [CartItem(productId: "laptop", quantity: 2, changedAt: first)])
        _ = try store.setLine("dune-ebook", quantity: 1, changedAt: first, in: owner, createIfMissing: false)
        let raised = try store.setLine("laptop", quantity: 5, changedAt: later, in: owner, createIfMissing: false)
        #expect(raised == [CartItem(productId: "laptop", quantity: 5, changedAt: later),
                           CartItem(productId: "dune-ebook", quantity: 1, changedAt: first)], "the time reads back exactly")
        #expect(try store.items(of: owner) == raised)
        #expect(try store.setLine("laptop", quantity: 0, changedAt: later, in: owner, createIfMissing: false)
                == [CartItem(productId: "dune-ebook", quantity: 1, changedAt: first)])
        #expect(try store.setLine("gone", quantity: 0, changedAt: later, in: owner, createIfMissing: false)
                == [CartItem(productId: "dune-ebook", quantity: 1, changedAt: first)], "removing a line not there changes nothing")
        #expect(try store.setLine("laptop", quantity: 1, changedAt: later, in: owner, createIfMissing: false).map { $0.map(\.productId) }
                == ["dune-ebook", "laptop"], "a line put back goes last")
        _ = try store.update(owner, createIfMissing: false) { $0.reversed() }
        #expect(try store.setLine("pen", quantity: 3, changedAt: later, in: owner, createIfMissing: false).map { $0.map(\.productId) }
                == ["laptop", "dune-ebook", "pen"], "after a whole-cart change, a new line still goes last")

        #expect(try store.setLine("laptop", quantity: 1, changedAt: later, in: .anonymous("none"), createIfMissing: false) == nil)
        #expect(try store.items(of: .anonymous("none")) == nil, "a missing anonymous cart is not made")
        let user = CartOwner.user("setter@example.com")
        #expect(try store.setLine("laptop", quantity: 0, changedAt: later, in: user, createIfMissing: true) == [])
        #expect(try store.items(of: user) == [], "a shopper's cart is made, even by a removal")
    }

    @Test(arguments: Kind.allCases)
    func aMissingCartIsNotChangedUnlessAskedToBeMade(kind: Kind) throws {
        let subject = try Subject(kind); defer { subject.close() }
        let store = subject.store
        var called = false
        #expect(try store.update(.anonymous("nobody"), createIfMissing: false) { called = true; return $0 } == nil)
        #expect(!called, "the change is not called for a missing cart")
        #expect(try store.items(of: .anonymous("nobody")) == nil)
        #expect(try store.update(.user("new@example.com"), createIfMissing: true) { $0 + [Self.ebook] } == [Self.ebook])
        #expect(try store.items(of: .user("new@example.com")) == [Self.ebook])
    }

    @Test(arguments: Kind.allCases)
    func aChangeThatThrowsLeavesTheCartAsItWas(kind: Kind) throws {
        let subject = try Subject(kind); defer { subject.close() }
        let store = subject.store
        _ = try store.update(.user("u@example.com"), createIfMissing: true) { _ in [Self.ebook] }
        #expect(throws: Refused.self) {
            try store.update(.user("u@example.com"), createIfMissing: true) { _ in throw Refused() }
        }
        #expect(try store.items(of: .user("u@example.com")) == [Self.ebook])
        #expect(throws: Refused.self) {
            try store.update(.user("fresh@example.com"), createIfMissing: true) { _ in throw Refused() }
        }
        #expect(try store.items(of: .user("fresh@example.com")) == nil, "a refused change makes no cart")
    }

    @Test(arguments: Kind.allCases)
    func aUsersCartAndAnAnonymousCartOfTheSameIdAreApart(kind: Kind) throws {
        let subject = try Subject(kind); defer { subject.close() }
        let store = subject.store
        try store.create(.anonymous("same"))
        _ = try store.update(.user("same"), createIfMissing: true) { _ in [Self.laptop] }
        #expect(try store.items(of: .anonymous("same")) == [])
        #expect(try store.items(of: .user("same")) == [Self.laptop])
        try store.delete(.anonymous("same"))
        #expect(try store.items(of: .user("same")) == [Self.laptop])
    }

    /// A merge through the cart service: the anonymous cart's lines join the
    /// user's (quantities added), and the anonymous cart is gone.
    @Test(arguments: Kind.allCases)
    func mergingMovesAnAnonymousCartIntoTheUsers(kind: Kind) throws {
        let subject = try Subject(kind); defer { subject.close() }
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("cart-merge-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        try PrivateFiles.makeDirectory(directory)
        let catalog = try ProductStore(dataDirectory: directory, seed: true)
        let security = try SecurityContext(dataDirectory: directory)
        let service = CartService(store: subject.store, catalog: catalog, verifier: security.sessions)
        let user = CartOwner.user("merger@example.com")
        let anonymous = try service.createAnonymousCart().id
        _ = try service.setQuantity(2, of: "dune-ebook", in: .anonymous(anonymous))
        _ = try service.setQuantity(1, of: "dune-ebook", in: user)
        let merged = try service.merge(anonymousID: anonymous, into: user)
        #expect(merged.lines.map(\.productId) == ["dune-ebook"] && merged.itemCount == 3)
        #expect(try subject.store.items(of: user)?.map { [$0.productId: $0.quantity] } == [["dune-ebook": 3]])
        #expect(try subject.store.items(of: .anonymous(anonymous)) == nil, "the anonymous cart is gone")
    }

    /// Each line keeps when the shopper last set it; a paid order's removal
    /// takes the ordered quantities from the lines set before the order read
    /// the cart and leaves the lines set after it, once per key.
    @Test(arguments: Kind.allCases)
    func aRemovalLeavesTheLinesSetAfterTheOrderReadTheCart(kind: Kind) throws {
        let subject = try Subject(kind); defer { subject.close() }
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("cart-removal-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        try PrivateFiles.makeDirectory(directory)
        let service = CartService(store: subject.store, catalog: try ProductStore(dataDirectory: directory, seed: true),
                                  verifier: try SecurityContext(dataDirectory: directory).sessions)
        // Each change one second after the one before.
        let seconds = Locked<Double>(1_800_000_000)
        service.clock = {
            seconds.mutate { $0 += 1 }
            return Date(timeIntervalSince1970: seconds.value)
        }
        let user = CartOwner.user("again@example.com")
        _ = try service.setQuantity(2, of: "dune-ebook", in: user)
        _ = try service.setQuantity(1, of: "dune-paperback", in: user)
        let stored = try subject.store.items(of: user)
        #expect(stored?.map(\.changedAt) == [1_800_000_001, 1_800_000_002], "the stamps are kept as set")
        _ = try service.setQuantity(1, of: "dune-paperback", in: user)

        let ordered = [CartItem(productId: "dune-ebook", quantity: 1), CartItem(productId: "dune-paperback", quantity: 1)]
        try service.removeOrdered(ordered, from: user, cartReadAt: 1_800_000_002.5, once: "evt_again")
        try service.removeOrdered(ordered, from: user, cartReadAt: 1_800_000_002.5, once: "evt_again")
        let left = try subject.store.items(of: user)
        #expect(left?.map { [$0.productId: $0.quantity] } == [["dune-ebook": 1], ["dune-paperback": 1]],
                "the ebook set before loses the ordered one, once; the paperback set again after stays")
    }

    /// Anonymous carts expire a while after their last change (each change
    /// gives them the whole while again); shoppers' carts never do.
    @Test(arguments: Kind.allCases)
    func anonymousCartsExpireAfterTheirLastChangeAndShoppersCartsDoNot(kind: Kind) throws {
        // Expiry is exact (Redis checks it on every read), so only a cart that
        // must still be there needs a margin (a second or more) against a slow machine.
        let subject = try Subject(kind, anonymousTTL: 3.0); defer { subject.close() }
        let store = subject.store
        try store.create(.anonymous("idle"))
        try store.create(.anonymous("busy"))
        try store.create(.anonymous("set"))
        _ = try store.update(.user("keeper@example.com"), createIfMissing: true) { _ in [Self.ebook] }
        _ = try store.setLine("laptop", quantity: 1, changedAt: 1, in: .user("setter@example.com"), createIfMissing: true)
        Thread.sleep(forTimeInterval: 2.0)
        #expect(try store.update(.anonymous("busy"), createIfMissing: false) { $0 + [Self.ebook] } == [Self.ebook],
                "2 s after it was made")
        #expect(try store.setLine("laptop", quantity: 1, changedAt: 1, in: .anonymous("set"), createIfMissing: false)?.count == 1)
        Thread.sleep(forTimeInterval: 1.1)
        #expect(try store.items(of: .anonymous("idle")) == nil, "3.1 s after its last change")
        #expect(try store.items(of: .anonymous("busy")) == [Self.ebook], "1.1 s after its last change")
        #expect(try store.items(of: .anonymous("set"))?.count == 1, "1.1 s after a line was set")
        Thread.sleep(forTimeInterval: 2.0)
        #expect(try store.items(of: .anonymous("busy")) == nil, "3.1 s after its last change")
        #expect(try store.items(of: .anonymous("set")) == nil, "3.1 s after a line was set")
        #expect(try store.items(of: .user("keeper@example.com")) == [Self.ebook])
        #expect(try store.items(of: .user("setter@example.com"))?.count == 1, "a shopper's cart made by setting a line")
    }

    /// Many threads add 1 to one line of one cart at once: every addition counts.
    @Test(arguments: Kind.allCases)
    func concurrentChangesToOneCartLoseNoUpdate(kind: Kind) throws {
        let subject = try Subject(kind); defer { subject.close() }
        let store = subject.store
        let threads = 8, additions = 25
        for owner in [CartOwner.anonymous("hot"), .user("hot@example.com")] {
            try store.create(owner)
            let failures = Locked<[String]>([])
            DispatchQueue.concurrentPerform(iterations: threads) { _ in
                for _ in 0..<additions {
                    do {
                        _ = try store.update(owner, createIfMissing: false) { items in
                            var items = items
                            if let index = items.firstIndex(where: { $0.productId == "counter" }) {
                                items[index].quantity += 1
                            } else {
                                items.append(CartItem(productId: "counter", quantity: 1))
                            }
                            return items
                        }
                    } catch {
                        failures.mutate { $0.append("\(error)") }
                    }
                }
            }
            #expect(failures.value.isEmpty, "\(failures.value.prefix(3))")
            #expect(try store.items(of: owner) == [CartItem(productId: "counter", quantity: threads * additions)], "\(owner)")
        }
    }

    /// A keyed change retried — here by 8 threads at once, half of them
    /// through a second store on the same Redis, as a second instance of the
    /// cart service would be — takes effect once; another key applies again.
    @Test(arguments: Kind.allCases)
    func aKeyedChangeAppliesOnceWhoeverRetriesIt(kind: Kind) throws {
        let subject = try Subject(kind); defer { subject.close() }
        let stores = kind == .redis
            ? [subject.store, try subject.location.makeStore(anonymousLimit: 10, anonymousTTL: nil, keyPrefix: subject.keyPrefix)]
            : [subject.store]
        let owner = CartOwner.user("twice@example.com")
        _ = try subject.store.update(owner, createIfMissing: true) { _ in [CartItem(productId: "counter", quantity: 50)] }
        let takeOne: ([CartItem]) -> [CartItem] = { items in items.map { CartItem(productId: $0.productId, quantity: $0.quantity - 1) } }
        let failures = Locked<[String]>([])
        DispatchQueue.concurrentPerform(iterations: 8) { index in
            do {
                _ = try stores[index % stores.count].update(owner, once: "order-1-paid", takeOne)
            } catch {
                failures.mutate { $0.append("\(error)") }
            }
        }
        #expect(failures.value.isEmpty, "\(failures.value.prefix(3))")
        #expect(try subject.store.items(of: owner) == [CartItem(productId: "counter", quantity: 49)])
        #expect(try subject.store.update(owner, once: "order-2-paid", takeOne) == [CartItem(productId: "counter", quantity: 48)])
        #expect(try subject.store.update(.anonymous("missing"), once: "order-3-paid", takeOne) == nil)
        #expect(try subject.store.items(of: .anonymous("missing")) == nil, "a keyed change never creates a cart")
    }
}
