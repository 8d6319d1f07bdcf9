/// Where a MariaDB (or MySQL) server listens and whom to connect as. The
/// password is never part of `description`.
public struct MariaDBEndpoint: Sendable, Equatable, CustomStringConvertible {
    public var host: String
    public var port: Int
    public var user: String
    public var password: String

    public init(host: String, port: Int = 3306, user: String, password: String = "") {
        self.host = host
        self.port = port
        self.user = user
        self.password = password
    }

    /// `mysql://USER@HOST:PORT/`, for messages.
    public var description: String { "mysql://\(user)@\(host):\(port)/" }
}
