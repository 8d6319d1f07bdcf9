import Foundation
import StoreServices
import StoreWire

/// The embedded shop of a load run. It differs from the one a script runs on
/// where a crowd from one address would otherwise be refused or run dry:
/// every shopper comes from 127.0.0.1, so the limits per client address
/// (connections, sign-ups, sign-in failures) are as wide as the whole shop's;
/// as many password checks as shoppers may queue for the hashing slots; and
/// every product in stock has a million, so a long run never sells out; and
/// new passwords (the shoppers' accounts) are hashed with `passwordIterations`
/// PBKDF2 rounds instead of 210,000: at full cost two cores check about ten
/// passwords a second, and a crowd that signs in every iteration would measure
/// little but that. A deployment (`--api`) keeps its own cost.
enum LoadShop {
    static let ampleStock = 1_000_000
    static let passwordIterations = 10_000

    static func start(dataDirectory: String, shoppers: Int) throws -> ShopConnection {
        // An app may have a few calls under way at once, each on a connection of its own.
        var options = BetterStore.Options(connectionLimit: max(256, 4 * shoppers + 64))
        options.perAddressConnectionLimit = options.connectionLimit
        let wide = max(1_000, 100 * shoppers)
        options.signInLimits = SignInLimits(failuresPerEmail: wide, failuresPerAddress: wide, signUpsPerAddress: wide,
                                            signUpFailuresPerEmail: wide)
        options.hashingSlots = ProcessInfo.processInfo.activeProcessorCount
        options.hashingQueue = shoppers
        options.passwordIterations = passwordIterations
        let store = try BetterStore(dataDirectory: URL(fileURLWithPath: dataDirectory), options: options)
        try restock(store)
        try store.start(host: "127.0.0.1", port: 0)
        return ShopConnection(baseURL: store.baseURL, endpointLabel: "embedded shop", stop: { store.stop() })
    }

    /// The orders the shop's order service recorded as paid (paid, or paid and
    /// since fulfilled), read from its database; nil when it cannot be read.
    static func paidOrders(dataDirectory: String) -> Int? {
        let path = (dataDirectory as NSString).appendingPathComponent(OrderStore.fileName)
        guard let database = try? SQLiteDatabase(path: path) else { return nil }
        defer { database.close() }
        let rows = try? database.query("SELECT COUNT(*) AS n FROM orders WHERE paid_at IS NOT NULL", arguments: [])
        return rows?.first?.int("n")
    }

    /// Sold-out products stay sold out: scripts may look for them.
    private static func restock(_ store: BetterStore) throws {
        guard let products = store.products else { return }
        let featured = Set(try products.page(ProductQuery(featured: true, limit: 100)).items.map(\.id))
        var offset = 0
        while true {
            let page = try products.page(ProductQuery(limit: 100, offset: offset))
            for var product in page.items where product.stock > 0 {
                product.stock = max(product.stock, ampleStock)
                try products.upsert(product, featured: featured.contains(product.id))
            }
            offset += page.items.count
            if page.items.isEmpty || offset >= page.total { break }
        }
    }
}
