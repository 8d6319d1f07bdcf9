import Foundation
import StoreServices
import Testing
@testable import StorefrontApp

/// `storefront load` on the embedded shop: a few shoppers, a couple of
/// iterations each, then the table, the JSON report and the shop's own
/// databases compared with what the run says it did.
@Suite struct LoadCommandTests {
    static let repository = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// Runs `storefront load` with `arguments` on a shop kept in `folder/shop`; its exit status and printed lines.
    static func load(_ arguments: [String], in folder: ScratchFolder) -> (status: Int32, text: String) {
        var lines: [String] = []
        let status = LoadCommand.run(arguments: arguments + ["--data-dir", folder.url.appendingPathComponent("shop").path],
                                     output: { lines.append($0) })
        return (status, lines.joined(separator: "\n"))
    }

    static func report(in folder: ScratchFolder) throws -> LoadReport {
        try JSONDecoder().decode(LoadReport.self, from: Data(contentsOf: folder.url.appendingPathComponent("report.json")))
    }

    /// Orders the order service recorded as paid (paid, or paid and since fulfilled).
    static func paidOrders(in folder: ScratchFolder) throws -> Int {
        let database = try SQLiteDatabase(path: folder.url.appendingPathComponent("shop/\(OrderStore.fileName)").path)
        defer { database.close() }
        return try database.query("SELECT COUNT(*) AS n FROM orders WHERE paid_at IS NOT NULL", arguments: []).first?.int("n") ?? -1
    }

    static func emails(in folder: ScratchFolder) throws -> [String] {
        let database = try SQLiteDatabase(path: folder.url.appendingPathComponent("shop/\(UserStore.fileName)").path)
        defer { database.close() }
        return try database.query("SELECT email FROM users ORDER BY email", arguments: []).map { $0.string("email") }
    }

    @Test func signUpAndBuyReportsItsNamedStepsCallsAndCheckouts() throws {
        let folder = try ScratchFolder()
        let script = Self.repository.appendingPathComponent("load/sign-up-and-buy.keys").path
        let run = Self.load([script, "--shoppers", "4", "--iterations", "2",
                             "--report", folder.url.appendingPathComponent("report.json").path], in: folder)
        #expect(run.status == 0, "\(run.text)")

        let report = try Self.report(in: folder)
        #expect(report.iterations == 8 && report.failedIterations == 0)
        // Steps in script order; the calls an app made once its script was over come after them, timed by no step.
        let timed = report.steps.filter { $0.time != nil }
        #expect(timed.map(\.name) == ["browse", "cart", "sign up", "address and review", "pay"])
        for step in timed {
            #expect(step.time?.count == 8, "\(step.name)")
            #expect(step.time?.histogram.map(\.count).reduce(0, +) == 8, "\(step.name)")
        }
        let signUp = try #require(report.steps.first { $0.name == "sign up" })
        #expect(signUp.http.first { $0.endpoint == "POST /user/v1/users" }?.latency.count == 8)
        let pay = try #require(report.steps.first { $0.name == "pay" })
        #expect(pay.http.first { $0.endpoint == "POST /payment/v1/payment-intents/{intentId}/confirm" }?.latency.count == 8)
        #expect(report.requests == report.http.map(\.latency.count).reduce(0, +))

        // The table says the same.
        #expect(run.text.contains("iterations 8, failed 0 · completed checkouts 8 (orders paid in the shop's database: 8)"))
        let signUpRow = try #require(run.text.split(separator: "\n").first { $0.hasPrefix("sign up ") })
        #expect(signUpRow.split(separator: " ", omittingEmptySubsequences: true).dropFirst(2).first == "8", "\(signUpRow)")
        #expect(run.text.contains("    POST /user/v1/users"))

        // Each shopper signed up a new account in each iteration, and every checkout is a paid order.
        let accounts = try Self.emails(in: folder).filter { $0.hasPrefix("load-") }
        #expect(accounts == (1...4).flatMap { shopper in (1...2).map { "load-\(shopper)-\($0)@example.test" } })
        #expect(report.completedCheckouts == 8)
        #expect(try Self.paidOrders(in: folder) == report.completedCheckouts)
        #expect(report.paidOrdersInShop == 8)
    }

    /// A script that signs in as the demo account when run alone signs in, under
    /// load, with an account of each shopper's own, so no two shoppers share a cart;
    /// the physical checkout (which signs up a shopper per run) plays beside it.
    @Test func demoSignInGivesEachShopperItsOwnAccount() throws {
        let folder = try ScratchFolder()
        let checkout = Self.repository.appendingPathComponent("Tests/Scripts/checkout").path
        let digital = try folder.write("digital.keys", """
            size 120x32
            wait "Featured"
            press s
            wait "1Password Families"
            press a
            wait "Cart: 1 item"
            press c
            wait "Subtotal"
            press Enter
            include \(checkout)/_sign-in-as-demo.keys
            wait "Review your order"
            press Enter
            env CARD "4242424242424242"
            include \(checkout)/_card.keys
            wait /Order TBS-[A-Z0-9]{6} confirmed/ 10s
            """)
        let run = Self.load([digital, "\(checkout)/physical.keys", "--shoppers", "3", "--iterations", "1", "--ramp", "300ms",
                             "--report", folder.url.appendingPathComponent("report.json").path], in: folder)
        #expect(run.status == 0, "\(run.text)")
        let report = try Self.report(in: folder)
        #expect(report.completedCheckouts == 6)
        #expect(try Self.paidOrders(in: folder) == 6)
        #expect(try Self.emails(in: folder).filter { $0.hasSuffix("@load.example.test") }.count == 3)
    }

    @Test func aFailedExpectationFailsTheRun() throws {
        let folder = try ScratchFolder()
        let script = try folder.write("unicorns.keys", """
            size 80x24
            wait "Featured"
            expect "Unicorns"
            """)
        let run = Self.load([script, "--shoppers", "2", "--iterations", "1",
                             "--report", folder.url.appendingPathComponent("report.json").path], in: folder)
        #expect(run.status == 1)
        #expect(run.text.contains("iterations 2, failed 2"))
        #expect(run.text.contains("2 × \(script):3: expect \"Unicorns\": \"Unicorns\" is not on screen"), "\(run.text)")
        let report = try Self.report(in: folder)
        #expect(report.steps.first { $0.name == "unicorns.keys:3 expect \"Unicorns\"" }?.time?.failures == 2)

        // Allowed when the failure rate is no more than the run accepts.
        #expect(Self.load([script, "--shoppers", "1", "--iterations", "1", "--max-failure-rate", "1"], in: folder).status == 0)
    }

    /// The checkout mix: each shopper signs up once, then every iteration is
    /// one order created and paid through the API, and the report gives how
    /// long each paid order's effects took, read from its pipeline.
    @Test func theCheckoutMixPaysAnOrderPerIterationAndTimesItsEffects() throws {
        let folder = try ScratchFolder()
        let run = Self.load(["--mix", "checkout", "--shoppers", "3", "--iterations", "2",
                             "--report", folder.url.appendingPathComponent("report.json").path], in: folder)
        #expect(run.status == 0, "\(run.text)")
        let report = try Self.report(in: folder)
        #expect(report.iterations == 6 && report.failedIterations == 0 && report.completedCheckouts == 6)
        #expect(report.steps.filter { $0.time != nil }.map(\.name) == CheckoutMixShopper.steps)
        let signUp = try #require(report.steps.first { $0.name == "sign up (once per shopper)" })
        #expect(signUp.http.first { $0.endpoint == "POST /user/v1/users" }?.latency.count == 3, "once per shopper")
        let effects = try #require(report.effects)
        #expect(effects.orders == 6 && effects.notDone == 0 && effects.done.count == 6)
        #expect(try Self.emails(in: folder).filter { $0.hasPrefix("shopper-") }.count == 3)
        #expect(try Self.paidOrders(in: folder) == 6)
        #expect(run.text.contains("paid orders 6 ("), "\(run.text)")
    }

    @Test func aWrongScriptOrCommandLineIsExitStatusTwo() throws {
        let folder = try ScratchFolder()
        let script = try folder.write("wrong.keys", "press Hyper\n")
        #expect(Self.load([script, "--shoppers", "1", "--iterations", "1"], in: folder).status == 2)
        let good = try folder.write("good.keys", "wait \"Featured\"\n")
        #expect(Self.load([good, "--shoppers", "1"], in: folder).status == 2)
        #expect(Self.load([good, "--shoppers", "0", "--iterations", "1"], in: folder).status == 2)
        #expect(Self.load([good, "--shoppers", "1", "--iterations", "1", "--duration", "5s"], in: folder).status == 2)
        #expect(Self.load([good, "--mix", "checkout", "--shoppers", "1", "--iterations", "1"], in: folder).status == 2,
                "scripts or a mix, not both")
        #expect(Self.load(["--mix", "browse", "--shoppers", "1", "--iterations", "1"], in: folder).status == 2)
    }
}
