import Foundation

extension ShopConnection {
    /// Starts the store's services in this process on a free loopback port.
    public static func embedded(dataDirectory: String) throws -> ShopConnection {
        throw UsageError(message: "the embedded shop is not available in this build; use --api URL")
    }
}
