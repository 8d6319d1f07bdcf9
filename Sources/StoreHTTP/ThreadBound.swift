import Foundation

/// A value bound to the current thread while a closure runs, and read by
/// whatever that closure calls. What a task-local does — but the work here
/// runs on plain threads (libmicrohttpd's, the storefront's request threads),
/// not in Swift tasks, and task-locals bound from such threads crashed inside
/// the concurrency runtime under load in release builds (32 headless shoppers
/// making requests at once). So the binding lives in a POSIX thread-specific
/// slot of its own: one pointer per thread, read without the boxing and
/// hashing a lookup in the thread's dictionary costs on every request.
public final class ThreadBound<Value>: @unchecked Sendable {
    /// Nil when the process has no slot left (over a thousand in use): then nothing is bound.
    private let key: pthread_key_t?

    /// Bindings are undone by `withValue` before it returns, so a thread
    /// never ends with one and the slot needs no destructor.
    public init() {
        var key = pthread_key_t()
        self.key = pthread_key_create(&key, nil) == 0 ? key : nil
    }

    private final class Box {
        let value: Value
        init(_ value: Value) { self.value = value }
    }

    /// The value bound on this thread, if any.
    public var value: Value? {
        guard let key, let bound = pthread_getspecific(key) else { return nil }
        return Unmanaged<Box>.fromOpaque(bound).takeUnretainedValue().value
    }

    /// Runs `body` with `value` bound on this thread; the previous binding comes back after.
    public func withValue<R>(_ value: Value?, _ body: () throws -> R) rethrows -> R {
        guard let key else { return try body() }
        let previous = pthread_getspecific(key)
        let box = value.map { Unmanaged.passRetained(Box($0)) }
        pthread_setspecific(key, box?.toOpaque())
        defer {
            pthread_setspecific(key, previous)
            box?.release()
        }
        return try body()
    }
}
