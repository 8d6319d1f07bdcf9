import Foundation
import Testing
import StoreWire
@testable import StoreServices
import TestSupport

/// Carts on a real redis-server: how they are kept, a Redis that is down at
/// start or goes away while serving, and carts that outlive a restart.
@Suite struct RedisCartStoreTests {
    /// Options for a shop whose carts live in `redis` under a prefix of their own.
    static func options(_ redis: RedisServer) throws -> BetterStore.Options {
        var options = TestStore.fastOptions
        options.cartStore = .redis(try RedisAddress(parsing: redis.url()))
        options.cartKeyPrefix = "test-\(UUID().uuidString):"
        return options
    }

    @Test func cartsAreNamespacedKeysAndOnlyAnonymousOnesExpire() throws {
        let redis = try RedisServer.lease(); defer { RedisServer.release() }
        let store = RedisCartStore(address: try RedisAddress(parsing: redis.url(database: 2)), anonymousTTL: 600,
                                   keyPrefix: "shop-a:cart:")
        try store.create(.anonymous("0123abcd"))
        _ = try store.update(.user("ann@example.com"), createIfMissing: true) { _ in [CartItem(productId: "p", quantity: 1)] }
        let anonymousTTL = try redis.command(["PTTL", "shop-a:cart:anon:0123abcd"], database: 2)
        let userTTL = try redis.command(["PTTL", "shop-a:cart:user:ann@example.com"], database: 2)
        let milliseconds = Int(anonymousTTL.dropFirst()) ?? 0
        #expect((590_000...600_000).contains(milliseconds), "anonymous cart PTTL \(anonymousTTL)")
        #expect(userTTL == ":-1", "a shopper's cart has no expiry: \(userTTL)")
        #expect(try redis.command(["EXISTS", "shop-a:cart:anon:0123abcd"]) == ":0", "database 2, not 0")
    }

    /// A cart stored before lines carried when they were set reads as it
    /// was, and a paid order's removal takes its ordered quantities as before.
    @Test func aCartStoredBeforeLinesCarriedTheirTimeReadsAndEmpties() throws {
        let redis = try RedisServer.lease(); defer { RedisServer.release() }
        let store = RedisCartStore(address: try RedisAddress(parsing: redis.url()), keyPrefix: "old-\(UUID().uuidString):")
        let owner = CartOwner.user("early@example.com")
        _ = try redis.command(["SET", store.key(owner), #"[{"productId":"dune-ebook","quantity":2}]"#])
        #expect(try store.items(of: owner) == [CartItem(productId: "dune-ebook", quantity: 2, changedAt: nil)])
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("cart-old-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        try PrivateFiles.makeDirectory(directory)
        let service = CartService(store: store, catalog: try ProductStore(dataDirectory: directory, seed: true),
                                  verifier: try SecurityContext(dataDirectory: directory).sessions)
        try service.removeOrdered([CartItem(productId: "dune-ebook", quantity: 2)], from: owner,
                                  cartReadAt: 1_700_000_000, once: "evt_old")
        #expect(try store.items(of: owner) == [])
    }

    /// A cart an earlier version kept as one JSON string is read, and a line
    /// set on it, as before: its lines keep their order and times exactly,
    /// and an anonymous cart its expiry; it is kept as a hash from then on.
    @Test func aCartInTheEarlierLayoutTakesALineAndKeepsItsExpiry() throws {
        let redis = try RedisServer.lease(); defer { RedisServer.release() }
        let store = RedisCartStore(address: try RedisAddress(parsing: redis.url()), anonymousTTL: 600,
                                   keyPrefix: "layout-\(UUID().uuidString):")
        let owner = CartOwner.anonymous("0123abcd")
        let stored = #"[{"productId":"laptop","quantity":2,"changedAt":1764700000.123456},{"productId":"dune-ebook","quantity":1}]"#
        _ = try redis.command(["SET", store.key(owner), stored, "PX", "300000"])
        let before = [CartItem(productId: "laptop", quantity: 2, changedAt: 1_764_700_000.123456),
                      CartItem(productId: "dune-ebook", quantity: 1, changedAt: nil)]
        #expect(try store.setLine("pen", quantity: 3, changedAt: 1_764_700_001.5, in: owner, createIfMissing: false)
                == before + [CartItem(productId: "pen", quantity: 3, changedAt: 1_764_700_001.5)])
        #expect(try redis.command(["TYPE", store.key(owner)]) == "+hash")
        let milliseconds = Int(try redis.command(["PTTL", store.key(owner)]).dropFirst()) ?? 0
        #expect((590_000...600_000).contains(milliseconds), "a line set renews the expiry: \(milliseconds)")

        let user = CartOwner.user("early@example.com")
        _ = try redis.command(["SET", store.key(user), stored])
        #expect(try store.items(of: user) == before)
        _ = try redis.command(["SET", store.key(user), stored])
        _ = try store.update(user, createIfMissing: false) { $0.reversed() }
        #expect(try store.items(of: user) == before.reversed(), "a whole-cart change of a cart in the earlier layout")
        #expect(try redis.command(["PTTL", store.key(user)]) == ":-1", "a shopper's cart still has no expiry")
        _ = try redis.command(["SET", store.key(.anonymous("made")), "[]", "PX", "300000"])
        try store.create(.anonymous("made"))
        #expect(try store.items(of: .anonymous("made")) == [], "creating a cart that is there keeps it")
    }

    /// A Redis that restarted has forgotten the script: the step still runs,
    /// once, by the script's text.
    @Test func aRedisThatForgotTheScriptStillSetsTheLine() throws {
        let redis = try RedisServer.lease(); defer { RedisServer.release() }
        let store = RedisCartStore(address: try RedisAddress(parsing: redis.url()), keyPrefix: "flush-\(UUID().uuidString):")
        let owner = CartOwner.user("flushed@example.com")
        _ = try store.setLine("laptop", quantity: 1, changedAt: 1, in: owner, createIfMissing: true)
        _ = try redis.command(["SCRIPT", "FLUSH"])
        #expect(try store.setLine("laptop", quantity: 2, changedAt: 2, in: owner, createIfMissing: true)
                == [CartItem(productId: "laptop", quantity: 2, changedAt: 2)])
    }

    @Test func aRedisThatIsDownAtStartIsNamedWithItsAddress() throws {
        let port = try LoopbackPort.unused()
        let location = try CartStoreLocation(parsing: "redis://127.0.0.1:\(port)/0")
        do {
            _ = try location.makeStore(anonymousLimit: 10, anonymousTTL: nil, keyPrefix: "x:")
            Issue.record("a store with nothing listening opened")
        } catch let error as StoreUnreachable {
            #expect(error.store == "cart store")
            #expect(error.address == "redis://127.0.0.1:\(port)/0")
            #expect(error.description.contains("refused"), "\(error)")
        }
    }

    @Test(arguments: ["redis://", "redis://host:port/0", "redis://h:70000/0", "redis://h:6379/x",
                      "redis://user:pw@h:6379/0", "mysql://h/0", "Memory"])
    func aCartStoreThatDoesNotParseIsRefused(text: String) {
        #expect(throws: RedisAddress.Invalid.self) { try CartStoreLocation(parsing: text) }
    }

    @Test func aCartStoreURLParses() throws {
        #expect(try CartStoreLocation(parsing: "memory") == .memory)
        #expect(try CartStoreLocation(parsing: "redis://10.0.0.5") == .redis(RedisAddress(host: "10.0.0.5")))
        #expect(try CartStoreLocation(parsing: "redis://cache:6380/3")
                == .redis(RedisAddress(host: "cache", port: 6380, database: 3)))
    }

    /// Redis stopped while serving: the cart routes answer 503 with the error
    /// envelope, quickly, and work again by themselves once Redis is back.
    @Test func aRedisThatGoesAwayIsA503AndTheCartsRecoverWhenItIsBack() throws {
        let redis = try RedisServer(); defer { redis.stop() }
        let shop = try TestStore(options: Self.options(redis)); defer { shop.stop() }
        let cart = try shop.send("POST", "/cart/v1/carts").decode(Cart.self)
        #expect(try shop.send("PUT", "/cart/v1/carts/\(cart.id)/items/dune-ebook", json: #"{"quantity": 1}"#).status == 200)

        redis.halt()
        let contract = try OpenAPIContract()
        let shopper = try Shopper.signUp(shop)
        let started = Date()
        let requests: [(method: String, path: String, json: String?, documented: String)] = [
            ("GET", "/cart/v1/carts/\(cart.id)", nil, "/cart/v1/carts/{id}"),
            ("POST", "/cart/v1/carts", nil, "/cart/v1/carts"),
            ("PUT", "/cart/v1/carts/\(cart.id)/items/dune-ebook", #"{"quantity": 2}"#, "/cart/v1/carts/{id}/items/{productId}"),
            ("DELETE", "/cart/v1/carts/\(cart.id)/items", nil, "/cart/v1/carts/{id}/items"),
        ]
        for request in requests {
            let answer = try request.json.map { try shop.send(request.method, request.path, json: $0) }
                ?? shop.send(request.method, request.path)
            #expect(answer.status == 503 && answer.serviceError?.code == "store_unavailable", "\(request.path): \(answer.text)")
            #expect(answer.headers["retry-after"] == "1")
            #expect(contract.problems(of: answer, for: .init(method: request.method, path: request.documented)) == [])
        }
        let order = try shopper.createOrder()
        #expect(order.status == 503 && order.serviceError?.code == "store_unavailable", "ordering reads the cart: \(order.text)")
        #expect(contract.problems(of: order, for: .init(method: "POST", path: "/order/v1/orders")) == [])
        #expect(Date().timeIntervalSince(started) < 5, "a refused connection answers at once")

        try redis.resume()
        // This Redis keeps nothing on disk, so the old cart went with it; a new one works.
        let created = try shop.send("POST", "/cart/v1/carts")
        #expect(created.status == 201, "\(created.text)")
        let id = try created.decode(Cart.self).id
        let answer = try shop.send("PUT", "/cart/v1/carts/\(id)/items/dune-ebook", json: #"{"quantity": 2}"#)
        #expect(answer.status == 200, "\(answer.text)")
    }

    /// Redis restarted between requests: the connections kept from before are
    /// stale, and the next request still answers (on a new connection), not a 503.
    @Test func aRedisRestartedBetweenRequestsCostsNoFailedRequest() throws {
        let redis = try RedisServer(); defer { redis.stop() }
        let shop = try TestStore(options: Self.options(redis)); defer { shop.stop() }
        #expect(try shop.send("POST", "/cart/v1/carts").status == 201)
        redis.halt()
        try redis.resume()
        let answer = try shop.send("POST", "/cart/v1/carts")
        #expect(answer.status == 201, "\(answer.text)")
    }

    /// A Redis that accepts connections but does not answer (stopped with
    /// SIGSTOP) is a 503 after the command timeout, never a request that hangs.
    @Test func aRedisThatHangsIsA503AfterTheTimeout() throws {
        let redis = try RedisServer(); defer { redis.stop() }
        let shop = try TestStore(options: Self.options(redis)); defer { shop.stop() }
        let cart = try shop.send("POST", "/cart/v1/carts").decode(Cart.self)
        let pid = try #require(redis.processID)
        kill(pid, SIGSTOP)
        defer { kill(pid, SIGCONT) }
        let started = Date()
        let answer = try shop.send("GET", "/cart/v1/carts/\(cart.id)")
        let waited = Date().timeIntervalSince(started)
        #expect(answer.status == 503 && answer.serviceError?.code == "store_unavailable", "\(answer.text)")
        #expect(waited >= 1.5 && waited < 3.5, "answered after \(waited) s (one timeout of 2 s, not two)")
        kill(pid, SIGCONT)
        #expect(try shop.send("GET", "/cart/v1/carts/\(cart.id)").status == 200)
    }

    /// Two instances of the services on one Redis serve the same carts, and
    /// lines added to one cart through both at once are all kept.
    @Test func twoInstancesOnOneRedisShareCartsAndLoseNoLine() throws {
        let redis = try RedisServer.lease(); defer { RedisServer.release() }
        let options = try Self.options(redis)
        let first = try TestStore(options: options); defer { first.stop() }
        let second = try TestStore(options: options); defer { second.stop() }
        let cart = try first.send("POST", "/cart/v1/carts").decode(Cart.self)
        let products = try CartClient(shop: first).allProducts().filter { $0.kind == .digital || $0.stock > 0 }.map(\.id)
        #expect(products.count >= 10)
        let failures = Locked<[String]>([])
        DispatchQueue.concurrentPerform(iterations: products.count) { index in
            let shop = index % 2 == 0 ? first : second
            do {
                let answer = try shop.send("PUT", "/cart/v1/carts/\(cart.id)/items/\(products[index])", json: #"{"quantity": 1}"#)
                if answer.status != 200 { failures.mutate { $0.append(answer.text) } }
            } catch {
                failures.mutate { $0.append("\(error)") }
            }
        }
        #expect(failures.value.isEmpty, "\(failures.value.prefix(3))")
        for shop in [first, second] {
            let seen = try shop.send("GET", "/cart/v1/carts/\(cart.id)").decode(Cart.self)
            #expect(Set(seen.lines.map(\.productId)) == Set(products), "every line, through either instance")
        }
    }

    /// A shopper's cart on Redis outlives a restart of the services; in memory it does not.
    @Test(arguments: [true, false])
    func aShoppersCartOnRedisOutlivesARestart(onRedis: Bool) throws {
        let redis = try RedisServer.lease(); defer { RedisServer.release() }
        let shop = try TestStore(options: onRedis ? Self.options(redis) : TestStore.fastOptions)
        defer { shop.stop() }
        let shopper = try Shopper.signUp(shop)
        try shopper.fillCart([("dune-ebook", 2)])
        try shop.restart()
        let cart = try Shopper(shop: shop, session: shopper.session).send("GET", "/cart/v1/carts/mine").decode(Cart.self)
        if onRedis {
            #expect(cart.lines.map(\.productId) == ["dune-ebook"] && cart.itemCount == 2, "\(cart)")
        } else {
            #expect(cart.lines.isEmpty, "carts in memory are lost on a restart")
        }
    }
}
