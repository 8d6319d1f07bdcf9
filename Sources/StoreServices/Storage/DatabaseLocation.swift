import Foundation

/// Where a service keeps its database, as `--database` names it:
/// `sqlite:DIR` (a file per service in DIR; the data directory by default) or
/// `mysql://USER:PASSWORD@HOST:PORT/[PREFIX]` — each service then owns its own
/// schema on that server, named PREFIX_users, PREFIX_products, … (PREFIX
/// `betterstore` unless given), created and migrated on first start.
public enum DatabaseLocation: Equatable, Sendable, CustomStringConvertible {
    /// SQLite files in this folder; nil is the data directory.
    case sqlite(folder: String?)
    case mariadb(MariaDBEndpoint, schemaPrefix: String)

    public static let defaultSchemaPrefix = "betterstore"

    public struct ParseError: Error, CustomStringConvertible, Equatable {
        public var description: String
    }

    public init(parsing text: String) throws {
        if text.hasPrefix("sqlite:") {
            let folder = String(text.dropFirst("sqlite:".count))
            guard !folder.isEmpty else { throw ParseError(description: "sqlite: needs a folder, e.g. sqlite:/var/lib/betterstore") }
            self = .sqlite(folder: folder)
            return
        }
        guard text.hasPrefix("mysql://") || text.hasPrefix("mariadb://") else {
            throw ParseError(description: "'\(text)' is neither sqlite:DIR nor mysql://USER:PASSWORD@HOST:PORT/")
        }
        guard let url = URLComponents(string: text), let host = url.host, !host.isEmpty else {
            throw ParseError(description: "a MariaDB URL is mysql://USER:PASSWORD@HOST:PORT/ (user and password percent-encoded)")
        }
        guard let user = url.user?.removingPercentEncoding, !user.isEmpty else {
            throw ParseError(description: "the MariaDB URL names no user: mysql://USER:PASSWORD@\(host)/")
        }
        if let port = url.port, !(1...65535).contains(port) {
            throw ParseError(description: "the MariaDB port must be from 1 to 65535")
        }
        let prefix = url.path.trimmingCharacters(in: CharacterSet(charactersIn: "/"))
        guard prefix.isEmpty || (prefix.count <= 40 && prefix.unicodeScalars.allSatisfy {
            $0.isASCII && (CharacterSet.alphanumerics.contains($0) || $0 == "_")
        }) else {
            throw ParseError(description: "the MariaDB URL's path is a prefix for the services' schemas: up to 40 letters, digits and _")
        }
        guard url.query == nil, url.fragment == nil else {
            throw ParseError(description: "the MariaDB URL takes no query or fragment")
        }
        let endpoint = MariaDBEndpoint(host: host, port: url.port ?? 3306, user: user,
                                       password: url.password?.removingPercentEncoding ?? "")
        self = .mariadb(endpoint, schemaPrefix: prefix.isEmpty ? Self.defaultSchemaPrefix : prefix)
    }

    /// For messages; never shows the password.
    public var description: String {
        switch self {
        case .sqlite(let folder): return "sqlite:\(folder ?? "(the data directory)")"
        case .mariadb(let endpoint, let prefix):
            return "mysql://\(endpoint.user)@\(endpoint.host):\(endpoint.port)/" + (prefix == Self.defaultSchemaPrefix ? "" : prefix)
        }
    }
}
