import Foundation
import Testing
import StoreWire
import StoreHTTP
@testable import StoreServices
import TestSupport

/// The crash campaign: shoppers check out through the HTTP client, retrying
/// with their idempotency keys, while the `betterstore` process is killed with
/// SIGKILL at random moments and restarted on the same data directory.
/// Afterwards every effect must have happened exactly once:
/// - every captured charge has exactly one paid order, and every paid order one captured charge;
/// - every paid order has one reporting row, one receipt and (physical items) one shipping order;
/// - stock at the start = stock now + units held by orders awaiting payment or paid;
/// - no checkout showed its shopper a confirmation of two different orders.
///
/// `swift test` runs a short campaign; `CRASH_CAMPAIGN_KILLS=50` (see
/// `Tests/Campaign/crash-campaign.sh`) runs the full one.
@Suite struct CrashCampaignTests {
    static var kills: Int {
        ProcessInfo.processInfo.environment["CRASH_CAMPAIGN_KILLS"].flatMap(Int.init).map { max(1, min($0, 500)) } ?? 6
    }

    @Test func checkoutsSurviveSIGKILLWithEveryEffectExactlyOnce() throws {
        let server = try CampaignServer()
        defer { server.cleanUp() }
        try server.start()
        let client = StoreClient(baseURL: server.baseURL, connectTimeout: 1, requestTimeout: 5)
        let initialStock = try Self.retrying { try client.products(ProductQuery(limit: 100)) }.items
            .reduce(into: [String: Int]()) { $0[$1.id] = $1.stock }
        let catalogue = try Self.retrying { try client.products(ProductQuery(limit: 100)) }.items
        // The physical product with the least stock, so some checkouts find it sold out; two with plenty; one digital.
        let physical = catalogue.filter { $0.kind == .physical }.sorted { $0.stock < $1.stock }
        let chosen = [physical.first, physical.last, physical.dropLast().last].compactMap { $0 }
        let digital = try #require(catalogue.first { $0.kind == .digital })

        let killing = Locked(true)
        let shoppers = (0..<4).map { Shopper(number: $0, client: client) }
        let group = DispatchGroup()
        for shopper in shoppers {
            group.enter()
            Thread.detachNewThread {
                shopper.shop(products: chosen + [digital], while: { killing.value })
                group.leave()
            }
        }
        var rng = SystemRandomNumberGenerator()
        for _ in 0..<Self.kills {
            Thread.sleep(forTimeInterval: Double.random(in: 0.05...0.6, using: &rng))
            try server.killAndRestart()
        }
        killing.mutate { $0 = false }
        #expect(group.wait(timeout: .now() + 120) == .success, "every shopper finished its last checkout")
        server.stop()

        let outcomes = shoppers.flatMap { $0.outcomes.value }
        print("crash campaign: \(Self.kills) kills, \(outcomes.count) checkouts, "
              + "\(outcomes.filter { !$0.confirmedOrders.isEmpty }.count) confirmed, \(outcomes.filter(\.soldOut).count) sold out")
        #expect(outcomes.contains { $0.confirmedOrders.count == 1 }, "the campaign paid for something")
        for outcome in outcomes {
            #expect(outcome.confirmedOrders.count <= 1, "one checkout showed two orders: \(outcome)")
            #expect(outcome.failure == nil, "\(outcome)")
        }
        try server.settleAndDrain()
        try Self.checkInvariants(server.dataDirectory, initialStock: initialStock, outcomes: outcomes,
                                 maildir: server.dataDirectory.appendingPathComponent("maildir/new"))
    }

    // MARK: Invariants

    static func checkInvariants(_ directory: URL, initialStock: [String: Int], outcomes: [Outcome], maildir: URL) throws {
        let orders = try SQLiteDatabase(url: directory.appendingPathComponent(OrderStore.fileName))
        let network = try SQLiteDatabase(url: directory.appendingPathComponent(CardNetwork.fileName))
        let products = try SQLiteDatabase(url: directory.appendingPathComponent(ProductStore.fileName))
        let reporting = try SQLiteDatabase(url: directory.appendingPathComponent(ReportingStore.fileName))
        let fulfillment = try SQLiteDatabase(url: directory.appendingPathComponent(FulfillmentStore.fileName))
        defer { [orders, network, products, reporting, fulfillment].forEach { $0.close() } }

        let paid = try orders.query("SELECT id, number, payment_attempt FROM orders WHERE status IN ('PAID', 'FULFILLED')")
        let captured = try network.query("SELECT attempt, order_id FROM charges WHERE status = 'captured'")
        #expect(try network.query("SELECT attempt FROM charges WHERE status = 'authorised'").isEmpty,
                "every approval was settled: captured or voided")
        // Charges ↔ paid orders, one to one, by the attempt that paid.
        let capturedByOrder = Dictionary(grouping: captured, by: { $0.string("order_id") })
        #expect(capturedByOrder.values.allSatisfy { $0.count == 1 }, "an order was charged twice")
        #expect(Set(captured.map { $0.string("attempt") }) == Set(paid.map { $0.string("payment_attempt") }),
                "captured charges and paid orders differ: \(captured.count) charges, \(paid.count) paid orders")
        #expect(try orders.queryOne("SELECT COUNT(*) AS n FROM outbox WHERE delivered_epoch IS NULL")?.int("n") == 0)

        // Each paid order's effects, exactly once.
        let receipts = ((try? FileManager.default.contentsOfDirectory(atPath: maildir.path)) ?? [])
            .compactMap { try? String(contentsOf: maildir.appendingPathComponent($0), encoding: .utf8) }
            .filter { $0.contains("Subject: Your receipt for order") }
        for order in paid {
            let id = order.string("id"), number = order.string("number")
            #expect(try reporting.queryOne("SELECT COUNT(*) AS n FROM report_orders WHERE order_id = ?", id)?.int("n") == 1)
            #expect(receipts.filter { $0.contains("Subject: Your receipt for order \(number)") }.count == 1,
                    "one receipt for \(number)")
            let physicalLines = try orders.queryOne(
                "SELECT COUNT(*) AS n FROM order_lines WHERE order_id = ? AND kind = 'physical'", id)?.int("n") ?? 0
            let shipments = try fulfillment.queryOne("SELECT COUNT(*) AS n FROM shipping_orders WHERE order_id = ?", id)?.int("n")
            #expect(shipments == (physicalLines > 0 ? 1 : 0), "shipping orders of \(number)")
        }
        #expect(receipts.count == paid.count, "no receipt without its paid order")

        // Stock: what was there at the start = what is there now + what orders hold.
        let held = try products.query("""
            SELECT l.product_id, SUM(l.quantity) AS units FROM reservation_lines l
            JOIN reservations r ON r.order_id = l.order_id WHERE r.state = 'held' GROUP BY l.product_id
            """).reduce(into: [String: Int]()) { $0[$1.string("product_id")] = $1.int("units") }
        for row in try products.query("SELECT id, stock FROM products WHERE kind = 'physical'") {
            let id = row.string("id")
            #expect(row.int("stock") >= 0)
            #expect(initialStock[id] == row.int("stock") + (held[id] ?? 0), "stock of \(id) does not add up")
        }
        // Units held = units in orders awaiting payment or paid.
        let ordered = try orders.query("""
            SELECT l.product_id, SUM(l.quantity) AS units FROM order_lines l JOIN orders o ON o.id = l.order_id
            WHERE o.status IN ('PENDING_PAYMENT', 'PAID', 'FULFILLED') AND l.kind = 'physical' GROUP BY l.product_id
            """).reduce(into: [String: Int]()) { $0[$1.string("product_id")] = $1.int("units") }
        #expect(held == ordered, "held stock \(held) differs from ordered units \(ordered)")

        // What the shoppers were shown matches what the shop recorded.
        let confirmed = Set(outcomes.flatMap(\.confirmedOrders))
        #expect(confirmed == Set(paid.map { $0.string("id") }), "confirmations shown differ from paid orders")
    }

    static func retrying<T>(_ call: () throws -> T) throws -> T {
        let deadline = Date().addingTimeInterval(30)
        while true {
            do { return try call() } catch where Date() < deadline { Thread.sleep(forTimeInterval: 0.05) }
        }
    }
}

extension CrashCampaignTests {
    /// What one checkout showed its shopper.
    struct Outcome: CustomStringConvertible {
        var checkout: String
        var confirmedOrders: Set<String> = []
        var soldOut = false
        var failure: String?
        var description: String {
            "checkout \(checkout): confirmed \(confirmedOrders.sorted()), soldOut \(soldOut), failure \(failure ?? "none")"
        }
    }

    /// One shopper: signs up, then checks out again and again, retrying every
    /// call that got no answer (or a 5xx) with the same idempotency key.
    final class Shopper: @unchecked Sendable {
        let number: Int
        let client: StoreClient
        let outcomes = Locked<[Outcome]>([])
        let email = "campaign-\(UUID().uuidString.prefix(8).lowercased())@example.com"
        var token = ""

        init(number: Int, client: StoreClient) {
            self.number = number
            self.client = client
        }

        func shop(products: [Product], while keepGoing: () -> Bool) {
            do {
                token = try signUpOrIn()
            } catch {
                outcomes.mutate { $0.append(Outcome(checkout: "sign-up", failure: "\(error)")) }
                return
            }
            var round = 0
            while keepGoing() && round < 5_000 {
                round += 1
                let product = products[(number + round) % products.count]
                outcomes.mutate { $0.append(checkOut(product, quantity: 1 + round % 2)) }
            }
        }

        private func signUpOrIn() throws -> String {
            let address = Address(name: "Campaign Shopper", line1: "1 Queen Street", city: "Auckland", postcode: "1010")
            return try untilAnswered {
                do {
                    return try client.signUp(SignUpRequest(email: email, password: "campaign-pw", name: "Campaign", address: address)).token
                } catch APIError.service(409, _) {
                    // Signed up just before a crash lost the answer.
                    return try client.signIn(SignInRequest(email: email, password: "campaign-pw")).token
                }
            }
        }

        private func checkOut(_ product: Product, quantity: Int) -> Outcome {
            var outcome = Outcome(checkout: "\(email)#\(UUID().uuidString.prefix(6))")
            let orderKey = UUID().uuidString, paymentKey = UUID().uuidString
            let address = Address(name: "Campaign Shopper", line1: "1 Queen Street", city: "Auckland", postcode: "1010")
            do {
                var order: Order?
                while order == nil {
                    // Setting a quantity is absolute, so repeating it after a crash emptied the cart is harmless.
                    do {
                        _ = try untilAnswered { try client.setQuantity(cartID: "mine", productID: product.id, quantity: quantity, token: token) }
                    } catch APIError.service(409, _) {
                        outcome.soldOut = true
                        return outcome
                    }
                    do {
                        order = try untilAnswered {
                            try client.createOrder(CreateOrderRequest(cartId: "mine", deliveryAddress: address),
                                                   idempotencyKey: orderKey, token: token)
                        }
                    } catch APIError.service(409, let error) where error.code == "out_of_stock" {
                        outcome.soldOut = true
                        return outcome
                    } catch APIError.service(let status, let error) where status == 404 || error.code == "cart_empty" {
                        continue // the in-memory cart was lost in a crash before the order was stored: fill it again
                    }
                }
                guard let order, let intent = order.paymentIntent else { return outcome }
                let card = CardDetails(number: "4242424242424242", expMonth: 12,
                                       expYear: Calendar.current.component(.year, from: Date()) + 2, cvc: "123", name: "Campaign")
                // The shopper may press Enter twice: the second confirm is a retry of the same attempt.
                for _ in 0..<(1 + order.number.count % 2) {
                    let result = try untilAnswered {
                        try client.confirmPayment(intentID: intent.id, ConfirmPaymentRequest(clientSecret: intent.clientSecret, card: card),
                                                  token: token, idempotencyKey: paymentKey)
                    }
                    outcome.confirmedOrders.insert(result.orderId)
                }
            } catch {
                outcome.failure = "\(error)"
            }
            return outcome
        }

        /// Repeats a call until the shop answers it with anything but a 5xx.
        private func untilAnswered<T>(_ call: () throws -> T) throws -> T {
            let deadline = Date().addingTimeInterval(60)
            while true {
                do {
                    return try call()
                } catch let error as APIError where Date() < deadline {
                    switch error {
                    case .unreachable, .timedOut, .badResponse: break
                    case .service(let status, _) where status >= 500: break
                    // A crash left the key claimed: the service says to try again until the claim lapses.
                    case .service(409, let answer) where answer.code == "idempotency_key_in_use": break
                    default: throw error
                    }
                    Thread.sleep(forTimeInterval: 0.05)
                }
            }
        }
    }

    /// `betterstore serve` as a child process on a fixed port and data directory.
    final class CampaignServer: @unchecked Sendable {
        let dataDirectory = FileManager.default.temporaryDirectory
            .appendingPathComponent("betterstore-campaign-\(UUID().uuidString)", isDirectory: true)
        let port: UInt16
        private var process: Process?

        init() throws {
            port = try Self.freePort()
        }

        var baseURL: String { "http://127.0.0.1:\(port)" }

        func start() throws {
            let process = Process()
            process.executableURL = BetterstoreCommandTests.executable
            process.arguments = ["serve", "--port", String(port), "--data-dir", dataDirectory.path]
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            self.process = process
            let deadline = Date().addingTimeInterval(30)
            while Date() < deadline {
                if (try? RawHTTP.send("GET", baseURL + "/health"))?.status == 200 { return }
                guard process.isRunning else { break }
                Thread.sleep(forTimeInterval: 0.02)
            }
            throw PipelineError("betterstore did not start on port \(port)")
        }

        func killAndRestart() throws {
            if let process {
                kill(process.processIdentifier, SIGKILL)
                process.waitUntilExit()
            }
            try start()
        }

        /// Stops the server by its pid (gracefully, then for sure).
        func stop() {
            guard let process, process.isRunning else { return }
            kill(process.processIdentifier, SIGTERM)
            let deadline = Date().addingTimeInterval(10)
            while process.isRunning && Date() < deadline { Thread.sleep(forTimeInterval: 0.02) }
            if process.isRunning { kill(process.processIdentifier, SIGKILL); process.waitUntilExit() }
        }

        /// After the campaign: the services once more on the same data, settling
        /// every open approval, expiring orders a crash left without their stock
        /// reservation (their grace is over) and delivering every event still in the outbox.
        func settleAndDrain() throws {
            let store = try BetterStore(dataDirectory: dataDirectory, options: .init(pipelinePaused: true))
            defer { store.stop() }
            store.commerce.payments.settleOpenAuthorisations(olderThan: 0)
            try store.commerce.orders.expireOverdueOrders(now: Date().addingTimeInterval(OrderService.unreservedGrace + 1))
            // An hour later: the leases the killed instances held on events (and on their emails) have run out.
            store.commerce.processedEvents.clock = { Date().addingTimeInterval(3600) }
            for _ in 0..<20 where try store.commerce.orders.store.undeliveredOutboxCount() > 0 {
                store.commerce.dispatcher.deliverDueEvents(now: Date().addingTimeInterval(3600))
            }
        }

        func cleanUp() {
            stop()
            try? FileManager.default.removeItem(at: dataDirectory)
        }

        static func freePort() throws -> UInt16 {
            let probe = ServiceHost(router: Router())
            let port = try probe.start(port: 0)
            probe.stop()
            return port
        }
    }
}
