import Foundation

/// Which cart store the services use: `memory` (the default: carts are lost
/// on a restart) or `redis://HOST:PORT/DB` (shared by instances, kept across
/// restarts). The `--cart-store` option of `betterstore serve`.
public enum CartStoreLocation: Hashable, Sendable, CustomStringConvertible {
    case memory
    case redis(RedisAddress)

    /// Parses `memory` or a Redis URL; throws `RedisAddress.Invalid` with the reason.
    public init(parsing text: String) throws {
        if text == "memory" {
            self = .memory
        } else if text.hasPrefix("redis://") {
            self = .redis(try RedisAddress(parsing: text))
        } else {
            throw RedisAddress.Invalid(description: "'\(text)' is neither memory nor a Redis URL (redis://HOST:PORT/DB)")
        }
    }

    public var description: String {
        switch self {
        case .memory: return "memory"
        case .redis(let address): return address.description
        }
    }

    /// Opens the store. A Redis that does not answer throws `StoreUnreachable` now, not at the first request.
    func makeStore(anonymousLimit: Int, anonymousTTL: TimeInterval?, keyPrefix: String) throws -> CartStore {
        switch self {
        case .memory:
            return InMemoryCartStore(anonymousLimit: anonymousLimit, anonymousTTL: anonymousTTL)
        case .redis(let address):
            let store = RedisCartStore(address: address, anonymousTTL: anonymousTTL ?? RedisCartStore.defaultAnonymousTTL,
                                       keyPrefix: keyPrefix)
            try store.checkReachable()
            return store
        }
    }
}
