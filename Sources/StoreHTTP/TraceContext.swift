import StoreWire

/// The trace the current work belongs to: a service binds the request's
/// `traceparent` while it handles it (and the outbox dispatcher the event's
/// trace while consumers act), so every call made meanwhile carries the same
/// trace id. Handlers run synchronously on their own threads, so the trace
/// is bound to the thread for the duration of the call (`ThreadBound`).
public enum TraceContext {
    private static let binding = ThreadBound<TraceParent>()

    public static var current: TraceParent? { binding.value }

    /// Runs `body` with `trace` as the current trace on this thread.
    public static func withValue<R>(_ trace: TraceParent?, _ body: () throws -> R) rethrows -> R {
        try binding.withValue(trace, body)
    }

    /// The `traceparent` for an outgoing call: the current trace one step on, or a new trace.
    public static func outgoing() -> TraceParent {
        current?.child() ?? .newTrace()
    }
}

/// Told of every HTTP exchange the transport makes, on the calling thread,
/// once the exchange has ended (answered or failed). The one source of
/// per-call facts: the demo's panel and any measurement read them here.
public typealias HTTPExchangeObserver = @Sendable (HTTPExchangeRecord) -> Void

/// An observer bound around some work on the calling thread: each exchange
/// that work makes is told to it as well as to the client's own. The
/// storefront binds one around each request it runs, so one client shared by
/// many shoppers tells each shopper only its own calls.
public enum HTTPExchanges {
    private static let binding = ThreadBound<HTTPExchangeObserver>()

    public static var observer: HTTPExchangeObserver? { binding.value }

    /// Runs `body` with `observer` told of the exchanges it makes on this thread.
    public static func withValue<R>(_ observer: HTTPExchangeObserver?, _ body: () throws -> R) rethrows -> R {
        try binding.withValue(observer, body)
    }
}
