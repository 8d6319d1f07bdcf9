import Foundation

/// The five services, as `--only` names them. Each answers under its own
/// path prefix, in this process or at the peers' origin.
public enum ServiceName: String, CaseIterable, Comparable, Sendable {
    case product, cart, user, order, payment

    /// Where the service's routes live, e.g. `/cart/v1`.
    public var pathPrefix: String { "/\(rawValue)/v1" }

    /// The services this one calls: the cart prices from the catalogue; the
    /// order service reads carts, prices and reserves stock; the payment
    /// service tells the order service of each payment.
    public var needs: Set<ServiceName> {
        switch self {
        case .product, .user: return []
        case .cart: return [.product]
        case .order: return [.product, .cart]
        case .payment: return [.order]
        }
    }

    /// The services `running` calls that are not among them, i.e. what must be reached at the peers.
    public static func missingPeers(of running: Set<ServiceName>) -> Set<ServiceName> {
        running.reduce(into: Set<ServiceName>()) { $0.formUnion($1.needs) }.subtracting(running)
    }

    /// Parses `--only`'s comma-separated list; throws naming an unknown or repeated name.
    public static func parseList(_ text: String) throws -> Set<ServiceName> {
        var names = Set<ServiceName>()
        for part in text.split(separator: ",", omittingEmptySubsequences: false) {
            let word = part.trimmingCharacters(in: .whitespaces).lowercased()
            guard let name = ServiceName(rawValue: word) else {
                let known = allCases.map(\.rawValue).joined(separator: ", ")
                throw ServiceListError(message: word.isEmpty
                    ? "an empty service name; give names from \(known), separated by commas"
                    : "unknown service '\(word)'; the services are \(known)")
            }
            names.insert(name)
        }
        return names
    }

    public static func < (lhs: ServiceName, rhs: ServiceName) -> Bool {
        (allCases.firstIndex(of: lhs) ?? 0) < (allCases.firstIndex(of: rhs) ?? 0)
    }
}

public struct ServiceListError: Error, CustomStringConvertible {
    public let message: String
    public var description: String { message }
}
