import Foundation

/// Limits of the service host. The defaults suit one shop on one machine.
public struct HostConfiguration: Sendable {
    /// Threads serving connections, each many of them. Handlers that wait
    /// (`Router.Pace.waits`) run off these threads.
    public var threadCount: Int
    /// Connections each thread may hold open at once; more are refused by the
    /// server. (Per thread, so one thread's share filling up early refuses no
    /// connection another thread has room for.)
    public var connectionLimit: Int
    /// Connections one client address may hold at once, so one client cannot
    /// take every connection; 0 means no cap.
    public var perAddressConnectionLimit: Int
    /// Seconds a connection may stay idle before it is closed.
    public var requestTimeoutSeconds: Int
    /// Memory per connection for the request line, headers and buffers, in
    /// bytes. libmicrohttpd clears all of it after every request, so it is
    /// what the longest honest request needs (a bearer token of
    /// `TextLimits.bearerToken`, a percent-encoded search) with room to
    /// spare, not more: a request line or headers past it are refused by
    /// libmicrohttpd itself (414 or 431) before the services see them. Bodies
    /// do not count: they are handed over in pieces and collected up to `bodyLimit`.
    public var connectionMemoryLimit: Int
    /// Largest request body accepted; larger bodies are answered with 413.
    public var bodyLimit: Int
    /// Gateways whose `X-Forwarded-For` names the client a request is from (see `ForwardedClient`).
    public var trustedProxies: Set<String> = []

    public init(threadCount: Int = HostConfiguration.defaultThreadCount, connectionLimit: Int = 256, perAddressConnectionLimit: Int? = nil, requestTimeoutSeconds: Int = 30,
                connectionMemoryLimit: Int = 32 * 1024, bodyLimit: Int = 1 << 20) {
        self.threadCount = threadCount
        self.connectionLimit = connectionLimit
        self.perAddressConnectionLimit = perAddressConnectionLimit ?? Self.fairShare(of: connectionLimit)
        self.requestTimeoutSeconds = requestTimeoutSeconds
        self.connectionMemoryLimit = connectionMemoryLimit
        self.bodyLimit = bodyLimit
    }

    /// Two per core: one thread's request waiting on the database (or the
    /// processor's other work) leaves the core to another.
    public static var defaultThreadCount: Int { 2 * max(1, ProcessInfo.processInfo.activeProcessorCount) }

    /// A quarter of the connections: enough for a busy client (or a test suite
    /// over loopback), while three others as greedy still find room.
    public static func fairShare(of connectionLimit: Int) -> Int { max(1, connectionLimit / 4) }
}
