import Foundation
import StoreServices
import StoreWire

/// The embedded shop of a load run. It differs from the one a script runs on
/// where a crowd from one address would otherwise be refused or run dry:
/// every shopper comes from 127.0.0.1, so the limits per client address
/// (connections, sign-ups, sign-in failures) are as wide as the whole shop's;
/// as many password checks as shoppers may queue for the hashing slots; and
/// every product in stock has a million, so a long run never sells out.
/// Passwords are hashed as in any shop, so sign-ins cost what they cost.
enum LoadShop {
    static let ampleStock = 1_000_000

    static func start(dataDirectory: String, shoppers: Int) throws -> ShopConnection {
        var options = BetterStore.Options(connectionLimit: max(256, 2 * shoppers + 32))
        options.perAddressConnectionLimit = options.connectionLimit
        let wide = max(1_000, 100 * shoppers)
        options.signInLimits = SignInLimits(failuresPerEmail: wide, failuresPerAddress: wide, signUpsPerAddress: wide,
                                            signUpFailuresPerEmail: wide)
        options.hashingSlots = ProcessInfo.processInfo.activeProcessorCount
        options.hashingQueue = shoppers
        let store = try BetterStore(dataDirectory: URL(fileURLWithPath: dataDirectory), options: options)
        try restock(store)
        try store.start(host: "127.0.0.1", port: 0)
        return ShopConnection(baseURL: store.baseURL, endpointLabel: "embedded shop", stop: { store.stop() })
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
