import Foundation
import StoreHTTP
import StoreServices

/// The reference services on a free loopback port with their own temporary
/// data directory, and a client pointed at them. Stops and cleans up on deinit.
final class RunningStore {
    let services: BetterStore
    let client: StoreClient
    let dataDirectory: URL

    init() throws {
        dataDirectory = FileManager.default.temporaryDirectory
            .appendingPathComponent("storefront-http-tests-\(UUID().uuidString)")
        services = try BetterStore(dataDirectory: dataDirectory)
        try services.start(host: "127.0.0.1", port: 0)
        client = StoreClient(baseURL: services.baseURL)
    }

    deinit {
        services.stop()
        try? FileManager.default.removeItem(at: dataDirectory)
    }
}
