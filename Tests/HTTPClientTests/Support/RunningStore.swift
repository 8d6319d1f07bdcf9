import Foundation
import StoreHTTP
import TestSupport

/// The reference services (a `TestStore`: free port, own data directory) and a
/// client pointed at them. Stops and cleans up on deinit.
final class RunningStore {
    let services: TestStore
    let client: StoreClient

    init() throws {
        services = try TestStore()
        client = StoreClient(baseURL: services.baseURL)
    }

    deinit { services.stop() }
}
