import Foundation
import Testing
import StoreWire
import TestSupport
@testable import StoreServices

/// `--database`: where each stateful service keeps its data, on SQLite or on
/// a real MariaDB server, and what happens when that server refuses us or goes away.
@Suite struct DatabaseOptionTests {
    @Test func locationsParseAndBadOnesAreNamed() throws {
        #expect(try DatabaseLocation(parsing: "mysql://shop:p%40ss@db.example:3307/")
                == .mariadb(MariaDBEndpoint(host: "db.example", port: 3307, user: "shop", password: "p@ss"), schemaPrefix: "betterstore"))
        #expect(try DatabaseLocation(parsing: "mysql://root@127.0.0.1/shop_2")
                == .mariadb(MariaDBEndpoint(host: "127.0.0.1", port: 3306, user: "root"), schemaPrefix: "shop_2"))
        #expect(try DatabaseLocation(parsing: "sqlite:/var/lib/shop") == .sqlite(folder: "/var/lib/shop"))
        #expect(!"\(try DatabaseLocation(parsing: "mysql://shop:secret@db:3306/"))".contains("secret"))
        let bad = ["postgres://u@h/": "neither sqlite:DIR nor mysql://", "sqlite:": "needs a folder",
                   "mysql://:pw@host/": "names no user", "mysql://u@h/bad-prefix": "prefix",
                   "mysql://u@h:70000/": "port", "mysql://u@h/?x=1": "no query"]
        for (text, words) in bad {
            do {
                _ = try DatabaseLocation(parsing: text)
                Issue.record("\(text) was accepted")
            } catch {
                #expect("\(error)".contains(words), "\(text): \(error)")
            }
        }
        var settings = DatabaseSettings()
        try settings.apply("user=mysql://root@127.0.0.1:3306/")
        try settings.apply("sqlite:/srv/shop")
        #expect(settings.location(of: .user) == .mariadb(MariaDBEndpoint(host: "127.0.0.1", user: "root"), schemaPrefix: "betterstore"))
        #expect(settings.location(of: .order) == .sqlite(folder: "/srv/shop"))
        #expect(throws: DatabaseSettings.Failure.self) { try settings.apply("warehouse=sqlite:/x") }
        #expect(throws: DatabaseSettings.Failure.self) { try settings.apply("cart=sqlite:/x") }
        try settings.apply("mysql://root@127.0.0.1:3306/shop")
        #expect(settings.location(of: .order) == .mariadb(MariaDBEndpoint(host: "127.0.0.1", user: "root"), schemaPrefix: "shop"))
    }

    @Test func theBinaryServesEveryServiceOnMariaDBAndRefusesBadCredentialsWithExit2() throws {
        let server = try MariaDBServer.shared()
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("betterstore-db-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }

        let prefix = server.freshSchema("cli")
        let everything = try BetterstoreCommandTests.Run(["serve", "--port", "0", "--data-dir", directory.path,
                                                          "--database", server.url + prefix])
        let line = try #require(everything.firstLine(), "betterstore printed nothing")
        let base = try #require(line.firstMatch(of: #/listening on (http://[0-9.:]+)/#)).output.1
        #expect(try RawHTTP.send("GET", base + "/order/v1/orders").status == 401, "the order service answers")
        kill(everything.process.processIdentifier, SIGTERM)
        #expect(everything.finish() == 0)
        // Each of the order service's databases is a schema of its own, and none is a file of the data directory.
        let schemas = try server.freshDatabase().query("SELECT SCHEMA_NAME AS name FROM information_schema.SCHEMATA WHERE SCHEMA_NAME LIKE ?",
                                                       prefix + "\\_%").map { $0.string("name") }
        #expect(Set(schemas) == Set(["users", "products", "payments", "orders", "reporting", "fulfillment", "pipeline"].map { "\(prefix)_\($0)" }))
        let files = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        #expect(!files.contains { $0.hasSuffix(".sqlite") }, "\(files)")

        let wrong = "mysql://nobody:wrong-password@127.0.0.1:\(server.port)/"
        let denied = try BetterstoreCommandTests.Run(["serve", "--port", "0", "--data-dir", directory.path,
                                                      "--only", "user", "--database", "user=\(wrong)"])
        #expect(denied.finish() == 2)
        let words = String(decoding: denied.errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(words.hasPrefix("betterstore: the user service's database at mysql://nobody@127.0.0.1:\(server.port)/ refused the credentials"),
                "\(words)")
        #expect(!words.contains("wrong-password"))
    }

    @Test func servicesOnMariaDBAnswer503WhileItIsDownAndRecoverByThemselves() throws {
        let server = try MariaDBServer()
        defer { server.stop() }
        var options = TestStore.fastOptions
        options.databases = DatabaseSettings(all: .mariadb(server.endpoint, schemaPrefix: "shop"))
        let shop = try TestStore(options: options)
        defer { shop.stop() }

        let address = Address(name: "Ann", line1: "1 Queen St", city: "Auckland", postcode: "1010")
        let signUp = String(decoding: try JSONEncoder().encode(
            SignUpRequest(email: "ann@example.com", password: "long-enough", name: "Ann", address: address)), as: UTF8.self)
        let signUpAnswer = try shop.send("POST", "/user/v1/users", json: signUp)
        #expect(signUpAnswer.status == 201)
        let products = try shop.send("GET", "/product/v1/products?limit=100")
        #expect(products.status == 200)
        // The rows are in each service's own schema on the server, not in files of the data directory.
        let users = try MariaDBDatabase(endpoint: server.endpoint, schema: "shop_users")
        #expect(try users.query("SELECT name FROM users WHERE email = ?", "ann@example.com").map { $0.string("name") } == ["Ann"])
        let catalogue = try MariaDBDatabase(endpoint: server.endpoint, schema: "shop_products")
        #expect(try catalogue.queryOne("SELECT COUNT(*) AS n FROM products")?.int("n") ?? 0 > 0)
        let payments = try MariaDBDatabase(endpoint: server.endpoint, schema: "shop_payments")
        #expect(try payments.queryOne("SELECT COUNT(*) AS n FROM charges")?.int("n") == 0)
        #expect(!FileManager.default.fileExists(atPath: shop.dataDirectory.appendingPathComponent(CardNetwork.fileName).path))
        #expect(!FileManager.default.fileExists(atPath: shop.dataDirectory.appendingPathComponent(UserStore.fileName).path))
        #expect(!FileManager.default.fileExists(atPath: shop.dataDirectory.appendingPathComponent(ProductStore.fileName).path))

        server.stopServer()
        for path in ["/product/v1/products", "/product/v1/categories"] {
            let answer = try shop.send("GET", path)
            #expect(answer.status == 503 && answer.serviceError?.code == "store_unavailable", "\(answer.text)")
        }
        let signIn = try shop.send("POST", "/user/v1/sessions", json: #"{"email":"ann@example.com","password":"long-enough"}"#)
        #expect(signIn.status == 503 && signIn.serviceError?.code == "store_unavailable", "\(signIn.text)")
        let token = try #require(try signUpAnswer.decode(Session.self).token)
        let history = try shop.send("GET", "/order/v1/orders", headers: ["Authorization": "Bearer \(token)"])
        #expect(history.status == 503 && history.serviceError?.code == "store_unavailable", "\(history.text)")

        try server.start()
        var recovered = false
        for _ in 0..<20 where !recovered {
            recovered = try shop.send("GET", "/product/v1/categories").status == 200
            if !recovered { Thread.sleep(forTimeInterval: 0.1) }
        }
        #expect(recovered)
        #expect(try shop.send("POST", "/user/v1/sessions", json: #"{"email":"ann@example.com","password":"long-enough"}"#).status == 200)
        #expect(try shop.send("GET", "/order/v1/orders", headers: ["Authorization": "Bearer \(token)"]).status == 200)
    }

    @Test func aWholeCheckoutWithEveryServiceOnMariaDB() throws {
        let server = try MariaDBServer.shared()
        var options = TestStore.fastOptions
        let prefix = server.freshSchema("shop")
        options.databases = DatabaseSettings(all: .mariadb(server.endpoint, schemaPrefix: prefix))
        let shop = try TestStore(options: options)
        defer { shop.stop() }
        let schema = { (name: String) in try MariaDBDatabase(endpoint: server.endpoint, schema: "\(prefix)_\(name)") }
        let catalogue = try schema("products")
        let product = try #require(try catalogue.queryOne("SELECT id, stock FROM products WHERE kind = 'physical' AND stock >= 2"))

        let shopper = try Shopper.signUp(shop)
        let order = try shopper.placeOrder([(id: product.string("id"), quantity: 2)])
        #expect(try catalogue.queryOne("SELECT stock FROM products WHERE id = ?", product.string("id"))?.int("stock")
                == product.int("stock") - 2, "the reservation took the units in the product schema")
        let paid = try shopper.pay(order)
        #expect(paid.status == 200, "\(paid.text)")
        let ledger = try schema("payments")
        let charges = try ledger.query("SELECT order_id, amount, card_last4 FROM charges")
        #expect(charges.count == 1 && charges.first?.string("order_id") == order.id && charges.first?.string("card_last4") == "4242")
        #expect(charges.first?.int("amount") == order.total.amount)

        // The order, its report, its shipping order and its receipt: each once, each in the order service's own schemas.
        let orders = try schema("orders")
        #expect(try orders.queryOne("SELECT status FROM orders WHERE id = ?", order.id)?.string("status") == "PAID")
        #expect(try eventually { try orders.queryOne("SELECT COUNT(*) AS n FROM outbox WHERE delivered_epoch IS NULL")?.int("n") == 0 })
        #expect(try schema("reporting").query("SELECT order_id FROM report_orders").map { $0.string("order_id") } == [order.id])
        #expect(try schema("fulfillment").query("SELECT order_id FROM shipping_orders").map { $0.string("order_id") } == [order.id])
        #expect(Set(try schema("pipeline").query("SELECT consumer FROM processed_events WHERE claimed_until IS NULL")
                    .map { $0.string("consumer") }) == ["receipt", "cart"], "no download email for physical items")
        #expect(try maildirMessages(shop).count == 1)
        #expect(try shopper.order(order.id).shipment?.trackingNumber != nil)
        #expect(try shopper.send("POST", "/order/v1/orders/\(order.id)/cancel").status == 200)
        #expect(try eventually {
            try schema("reporting").queryOne("SELECT status FROM report_orders")?.string("status") == "CANCELLED"
        })
        let files = (try? FileManager.default.contentsOfDirectory(atPath: shop.dataDirectory.path)) ?? []
        #expect(!files.contains { $0.hasSuffix(".sqlite") }, "\(files)")
    }
}
