import Foundation

/// Which database each stateful service uses: one location for all
/// (`--database URL`) and any service's own (`--database SERVICE=URL`).
///
/// On MariaDB every service owns its schemas and no query crosses them:
/// `PREFIX_users` (user), `PREFIX_products` (product: catalogue and stock
/// reservations), `PREFIX_payments` (payment: the card network's ledger,
/// which stands for the card network and so belongs to the service that
/// charges), and four for the order service, which runs the OrderPurchased
/// pipeline and so owns its consumers' data: `PREFIX_orders` (orders, their
/// outbox and idempotency records), `PREFIX_reporting` (the reporting
/// database), `PREFIX_fulfillment` (shipping orders and download deliveries)
/// and `PREFIX_pipeline` (which events the email and cart consumers have
/// handled). On SQLite each of these is a file of its own in the folder.
public struct DatabaseSettings: Equatable, Sendable {
    public var all: DatabaseLocation
    public var services: [ServiceName: DatabaseLocation]

    public init(all: DatabaseLocation = .sqlite(folder: nil), services: [ServiceName: DatabaseLocation] = [:]) {
        self.all = all
        self.services = services
    }

    public struct Failure: Error, CustomStringConvertible, Equatable {
        public var description: String
    }

    /// Applies one `--database` value: `URL` or `SERVICE=URL`.
    public mutating func apply(_ setting: String) throws {
        if let equals = setting.firstIndex(of: "="), !setting[..<equals].contains(":") {
            let name = setting[..<equals].trimmingCharacters(in: .whitespaces).lowercased()
            guard let service = ServiceName(rawValue: name) else {
                throw Failure(description: "unknown service '\(name)'; the services with a database are product, user, order and payment")
            }
            guard service != .cart else {
                throw Failure(description: "the cart service keeps no database; its carts live where --cart-store says")
            }
            services[service] = try DatabaseLocation(parsing: String(setting[setting.index(after: equals)...]))
        } else {
            all = try DatabaseLocation(parsing: setting)
        }
    }

    public func location(of service: ServiceName) -> DatabaseLocation { services[service] ?? all }


    /// Opens `service`'s database: the file `fileName` in its SQLite folder,
    /// or the schema PREFIX_`schema` on its MariaDB server. A server that
    /// cannot be reached or refuses the credentials is a `StoreUnreachable` naming both.
    public func open(_ service: ServiceName, schema: String, fileName: String, dataDirectory: URL) throws -> SQLDatabase {
        switch location(of: service) {
        case .sqlite(let folder):
            let directory = folder.map { URL(fileURLWithPath: $0).standardizedFileURL } ?? dataDirectory
            try PrivateFiles.makeDirectory(directory)
            return try SQLiteDatabase(url: directory.appendingPathComponent(fileName))
        case .mariadb(let endpoint, let prefix):
            do {
                return try MariaDBDatabase(endpoint: endpoint, schema: "\(prefix)_\(schema)")
            } catch let error as MariaDBError {
                throw StoreUnreachable(store: "\(service.rawValue) service's database", address: "\(location(of: service))",
                                       reason: error.message, refusedCredentials: error.isAccessDenied)
            }
        }
    }
}
