import Foundation
import StoreServices

extension ShopConnection {
    /// Starts the store's services in this process on a free loopback port,
    /// with their databases in `dataDirectory`.
    public static func embedded(dataDirectory: String) throws -> ShopConnection {
        let store = try BetterStore(dataDirectory: URL(fileURLWithPath: dataDirectory))
        try store.start(host: "127.0.0.1", port: 0)
        return ShopConnection(baseURL: store.baseURL, endpointLabel: "embedded shop", stop: { store.stop() })
    }
}
