import StoreWire

/// The trace the current work belongs to: a service binds the request's
/// `traceparent` while it handles it (and the outbox dispatcher the event's
/// trace while consumers act), so every call made meanwhile carries the same
/// trace id. Handlers run synchronously on their own threads; a task-local
/// bound there lives in that thread's storage for the duration of the call.
public enum TraceContext {
    @TaskLocal public static var current: TraceParent?

    /// The `traceparent` for an outgoing call: the current trace one step on, or a new trace.
    public static func outgoing() -> TraceParent {
        current?.child() ?? .newTrace()
    }
}

/// Told of every HTTP exchange the transport makes, on the calling thread,
/// once the exchange has ended (answered or failed). The one source of
/// per-call facts: the demo's panel and any measurement read them here.
public typealias HTTPExchangeObserver = @Sendable (HTTPExchangeRecord) -> Void
