/// Limits of the service host. The defaults suit one shop on one machine.
public struct HostConfiguration: Sendable {
    /// Threads in libmicrohttpd's pool.
    public var threads: Int
    /// Connections open at once; more are refused by the server.
    public var connectionLimit: Int
    /// Seconds a connection may stay idle before it is closed.
    public var requestTimeoutSeconds: Int
    /// Memory per connection for headers and buffers, in bytes.
    public var connectionMemoryLimit: Int
    /// Largest request body accepted; larger bodies are answered with 413.
    public var bodyLimit: Int

    public init(threads: Int = 4, connectionLimit: Int = 256, requestTimeoutSeconds: Int = 30,
                connectionMemoryLimit: Int = 128 * 1024, bodyLimit: Int = 1 << 20) {
        self.threads = threads
        self.connectionLimit = connectionLimit
        self.requestTimeoutSeconds = requestTimeoutSeconds
        self.connectionMemoryLimit = connectionMemoryLimit
        self.bodyLimit = bodyLimit
    }
}
