import Foundation
import Testing
import StoreHTTP
import StoreWire
@testable import StoreServices
import TestSupport

/// The deployment of `deploy/cluster`: MariaDB, Redis, two instances of each
/// service and the nginx gateway over HTTPS, started by the script itself.
@Suite(.serialized) struct ClusterTests {
    static let betterstore = BuildProducts.executable("betterstore").path

    /// A shopper checks out through the gateway while one instance of each
    /// service is killed between the steps; every record of the order exists
    /// once, the cart is in Redis, the script suite passes against the same
    /// gateway, and `down` leaves no process behind.
    @Test func aCheckoutSurvivesAnInstanceOfEachServiceKilledBetweenSteps() throws {
        let cluster = try DeployedCluster(betterstore: Self.betterstore)
        defer { cluster.stop() }
        #expect(cluster.startOutput.contains("storefront --api \(cluster.gatewayURL) --cacert \(cluster.authorityFile)"),
                "up says how to shop: \(cluster.startOutput)")
        let instances = [1, 2].flatMap { number in ServiceName.allCases.map { "\($0.rawValue)-\(number)" } }
        #expect(try cluster.status().map(\.name) == ["mariadb", "redis"] + instances + ["gateway"])

        let again = try Spawn.run([DeployedCluster.script, "up", "--dir", cluster.folder.path])
        #expect(again.status == 0 && again.output.contains("already up"), "\(again.output)")

        // More shoppers at once than one address may hold connections to an instance by default:
        // the gateway is that one address, and its requests are all served.
        let statuses = Self.concurrentGets(150, cluster.gatewayURL, ["product", "v1", "categories"], authorities: cluster.authorityFile)
        #expect(statuses.allSatisfy { $0 == 200 }, "\(Dictionary(grouping: statuses, by: { $0 }).mapValues(\.count))")

        let client = StoreClient(baseURL: cluster.gatewayURL, authorities: CertificateAuthorities(file: cluster.authorityFile))
        try cluster.kill("user-1")
        let email = "cluster-\(UUID().uuidString.prefix(8).lowercased())@example.com"
        let session = try client.signUp(SignUpRequest(email: email, password: "long-enough-pw", name: "Ann Shopper",
                                                      address: aucklandAddress))

        try cluster.kill("product-1")
        let products = try client.products(ProductQuery(limit: 100)).items
        let book = try #require(products.first { $0.category == "BOOKS" && $0.kind == .physical && $0.stock >= 2 })
        let laptop = try #require(products.first { $0.category == "COMPUTERS" && $0.kind == .physical && $0.stock >= 2 })

        try cluster.kill("cart-1")
        _ = try client.setQuantity(cartID: StoreAPIPaths.myCart, productID: book.id, quantity: 1, token: session.token)
        let cart = try client.setQuantity(cartID: StoreAPIPaths.myCart, productID: laptop.id, quantity: 1, token: session.token)
        #expect(Set(cart.lines.map(\.productId)) == [book.id, laptop.id])
        let cartKey = RedisCartStore.defaultKeyPrefix + "user:" + session.user.id
        #expect(try Spawn.run(["redis-cli", "-u", cluster.redisURL, "EXISTS", cartKey]).output.hasPrefix("1"),
                "the shopper's cart is kept in Redis under \(cartKey)")

        try cluster.kill("order-1")
        let address = Address(name: "Ann Shopper", line1: "2 Cluster Lane", city: "Auckland", postcode: "1010")
        let order = try client.createOrder(CreateOrderRequest(cartId: StoreAPIPaths.myCart, deliveryAddress: address),
                                           idempotencyKey: UUID().uuidString, token: session.token)
        #expect(Set(order.lines.map(\.productId)) == [book.id, laptop.id])

        try cluster.kill("payment-1")
        let intent = try #require(order.paymentIntent)
        let payment = try client.confirmPayment(intentID: intent.id,
                                                ConfirmPaymentRequest(clientSecret: intent.clientSecret,
                                                                      card: testCard("4242424242424242")),
                                                token: session.token, idempotencyKey: UUID().uuidString)
        #expect(payment.status == "succeeded")
        #expect(try client.order(id: order.id, token: session.token).status == .paid)

        // Every record of the order, once, where the deployment keeps it.
        let stores = try OrderStores(cluster: cluster)
        #expect(try stores.count("SELECT COUNT(*) AS n FROM orders WHERE id = ?", order.id, in: stores.orders) == 1)
        #expect(try eventually(timeout: 15) {
            try stores.count("SELECT COUNT(*) AS n FROM report_orders WHERE order_id = ?", order.id, in: stores.reporting) == 1
                && stores.count("SELECT COUNT(*) AS n FROM shipping_orders WHERE order_id = ?", order.id, in: stores.fulfillment) == 1
        }, "the pipeline records the purchase in reporting and fulfillment, once")
        let receipts = cluster.folder.appendingPathComponent("order/maildir/new")
        #expect(eventually(timeout: 15) { (try? Self.receipts(of: order.id, in: receipts))?.count == 1 }, "one receipt")
        #expect(eventually(timeout: 10) { (try? client.cart(id: StoreAPIPaths.myCart, token: session.token))?.lines.isEmpty == true },
                "the ordered lines leave the cart")

        // The UI's script suite, through the same gateway with one instance of each service left,
        // twice: nothing a run leaves behind in the deployment breaks the next.
        for _ in 1...2 {
            let suite = try Spawn.run([BuildProducts.executable("storefront").path, "test",
                                       BuildProducts.repositoryRoot.appendingPathComponent("Tests/Scripts").path,
                                       "--api", cluster.gatewayURL, "--cacert", cluster.authorityFile])
            let gatewayLog = (try? String(contentsOf: cluster.folder.appendingPathComponent("gateway/access.log"), encoding: .utf8))
                .map { $0.split(separator: "\n").suffix(40).joined(separator: "\n") } ?? ""
            #expect(suite.status == 0 && suite.output.contains(" flaky, 0 failed"),
                    "\(suite.output)\nthe gateway's last requests:\n\(gatewayLog)")
        }

        let processes = try cluster.status()
        let (output, survivors) = cluster.stop()
        #expect(output.contains("stopped; removed"), "\(output)")
        #expect(survivors.isEmpty, "down left \(survivors.map(\.name)) running")
        #expect(processes.allSatisfy { !Spawn.isRunning($0.pid) })
        #expect(!FileManager.default.fileExists(atPath: cluster.folder.path))
    }

    /// A cluster that cannot start says why, stops what it had started and keeps the logs.
    @Test func anUpThatFailsStopsWhatItStartedAndSaysWhy() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("cluster-\(UUID().uuidString)")
        defer { _ = try? Spawn.run([DeployedCluster.script, "down", "--dir", folder.path]) }
        // A "betterstore" that ends at once: MariaDB and Redis are up by the time it is started.
        let up = try Spawn.run([DeployedCluster.script, "up", "--dir", folder.path, "--betterstore", "/bin/false"])
        #expect(up.status == 1)
        #expect(up.output.contains(#/(product|cart|user|order|payment)-1 [^\n]*ended/#),
                "names the process that did not start: \(up.output)")
        #expect(up.output.contains("stopped what it had started"), "\(up.output)")
        let list = try String(contentsOf: folder.appendingPathComponent("processes"), encoding: .utf8)
        let pids = list.split(separator: "\n").compactMap { $0.split(separator: " ").dropFirst().first.flatMap { pid_t($0) } }
        #expect(pids.count >= 2, "mariadb and redis were started: \(list)")
        #expect(pids.allSatisfy { !Spawn.isRunning($0) }, "\(list)")
        #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("logs/mariadb.log").path), "the logs are kept")
        let status = try Spawn.run([DeployedCluster.script, "status", "--dir", folder.path])
        #expect(status.status == 1 && status.output.contains("mariadb ") && status.output.contains(" stopped"), "\(status.output)")
    }

    @Test func statusDownAndBadArgumentsSayWhatIsThere() throws {
        let nowhere = FileManager.default.temporaryDirectory.appendingPathComponent("cluster-\(UUID().uuidString)").path
        let status = try Spawn.run([DeployedCluster.script, "status", "--dir", nowhere])
        #expect(status.status == 3 && status.output.contains("not up"), "\(status.output)")
        let down = try Spawn.run([DeployedCluster.script, "down", "--dir", nowhere])
        #expect(down.status == 0 && down.output.contains("nothing to stop"), "\(down.output)")
        let missing = try Spawn.run([DeployedCluster.script, "up", "--dir", nowhere, "--betterstore", nowhere + "/betterstore"])
        #expect(missing.status == 1 && missing.output.contains("is not an executable file"), "\(missing.output)")
        #expect(!FileManager.default.fileExists(atPath: nowhere), "nothing was made")
        #expect(try Spawn.run([DeployedCluster.script, "start"]).status == 2)
        #expect(try Spawn.run([DeployedCluster.script, "up", "--colour"]).status == 2)
    }

    /// The order service's databases on the cluster's MariaDB.
    struct OrderStores {
        let orders: SQLDatabase
        let reporting: SQLDatabase
        let fulfillment: SQLDatabase

        init(cluster: DeployedCluster) throws {
            guard case .mariadb(let endpoint, let prefix) = try DatabaseLocation(parsing: cluster.mariaDBURL) else {
                throw Spawn.Failed(description: "the cluster's database is not MariaDB: \(cluster.mariaDBURL)")
            }
            orders = try MariaDBDatabase(endpoint: endpoint, schema: "\(prefix)_orders", maximumConnections: 1)
            reporting = try MariaDBDatabase(endpoint: endpoint, schema: "\(prefix)_reporting", maximumConnections: 1)
            fulfillment = try MariaDBDatabase(endpoint: endpoint, schema: "\(prefix)_fulfillment", maximumConnections: 1)
        }

        func count(_ sql: String, _ argument: String, in database: SQLDatabase) throws -> Int {
            try database.queryOne(sql, argument)?.int("n") ?? 0
        }
    }

    /// The statuses of `count` GETs of a path sent at once, each on a thread and connection of its own (0: no answer).
    static func concurrentGets(_ count: Int, _ origin: String, _ path: [String], authorities: String) -> [Int] {
        let statuses = Locked([Int]())
        let group = DispatchGroup()
        let start = DispatchSemaphore(value: 0)
        for _ in 0..<count {
            group.enter()
            Thread.detachNewThread {
                let client = RawHTTPClient(baseURL: origin, connectTimeout: 5, requestTimeout: 30,
                                           authorities: CertificateAuthorities(file: authorities))
                start.wait()
                let status = (try? client.send("GET", segments: path))?.status ?? 0
                statuses.mutate { $0.append(status) }
                group.leave()
            }
        }
        for _ in 0..<count { start.signal() }
        group.wait()
        return statuses.value
    }

    /// The receipt files of one order in the maildir (named by order and event).
    static func receipts(of orderID: String, in maildir: URL) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: maildir.path).filter { $0.hasPrefix("receipt.\(orderID).") }
    }
}
