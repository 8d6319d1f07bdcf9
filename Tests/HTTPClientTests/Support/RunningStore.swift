import Foundation
import StoreHTTP
import StoreServices
import TestSupport

/// The reference services (a `TestStore`: free port, own data directory) and a
/// client pointed at them. Stops and cleans up on deinit.
final class RunningStore {
    let services: TestStore
    let client: StoreClient

    /// Fast password hashing; the OrderPurchased pipeline paused so a paid order
    /// stays unfulfilled (and cancellable) while a test looks at it.
    static let testOptions = BetterStore.Options(passwordIterations: 1_000, pipelinePaused: true)

    init() throws {
        services = try TestStore(options: Self.testOptions)
        client = StoreClient(baseURL: services.baseURL)
    }

    deinit { services.stop() }
}
