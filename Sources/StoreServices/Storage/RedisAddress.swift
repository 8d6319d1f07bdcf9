/// Where a Redis server is: `redis://HOST:PORT/DB`, the port 6379 and the
/// database 0 when left out. Credentials and TLS (`rediss://`) are not
/// supported, and a URL carrying them is refused rather than half-used.
public struct RedisAddress: Hashable, Sendable, CustomStringConvertible {
    public var host: String
    public var port: Int
    public var database: Int

    public init(host: String, port: Int = 6379, database: Int = 0) {
        self.host = host
        self.port = port
        self.database = database
    }

    public struct Invalid: Error, Hashable, CustomStringConvertible {
        public let description: String
    }

    /// Parses `redis://HOST[:PORT][/DB]`.
    public init(parsing text: String) throws {
        let scheme = "redis://"
        guard text.hasPrefix(scheme) else {
            throw Invalid(description: "'\(text)' is not a Redis URL (redis://HOST:PORT/DB)")
        }
        var rest = Substring(text.dropFirst(scheme.count))
        var database = 0
        if let slash = rest.firstIndex(of: "/") {
            let number = rest[rest.index(after: slash)...]
            if !number.isEmpty {
                guard let value = Int(number), value >= 0 else {
                    throw Invalid(description: "the database in '\(text)' must be a number such as 0")
                }
                database = value
            }
            rest = rest[..<slash]
        }
        guard !rest.contains("@") else {
            throw Invalid(description: "'\(text)': credentials in a Redis URL are not supported")
        }
        var host = rest
        var port = 6379
        if let colon = rest.lastIndex(of: ":") {
            guard let value = Int(rest[rest.index(after: colon)...]), (1...65535).contains(value) else {
                throw Invalid(description: "the port in '\(text)' must be a number from 1 to 65535")
            }
            port = value
            host = rest[..<colon]
        }
        guard !host.isEmpty else { throw Invalid(description: "'\(text)' names no host (redis://HOST:PORT/DB)") }
        self.init(host: String(host), port: port, database: database)
    }

    public var description: String { "redis://\(host):\(port)/\(database)" }
}
