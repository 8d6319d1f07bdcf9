import Foundation

/// A value bound to the current thread while a closure runs, and read by
/// whatever that closure calls. What a task-local does — but the work here
/// runs on plain threads (libmicrohttpd's, the storefront's request threads),
/// not in Swift tasks, and task-locals bound from such threads crashed inside
/// the concurrency runtime under load in release builds (32 headless shoppers
/// making requests at once). So the binding lives in the thread's own dictionary.
public struct ThreadBound<Value>: Sendable {
    private let key: String

    public init(_ key: String) { self.key = key }

    /// The value bound on this thread, if any.
    public var value: Value? { Thread.current.threadDictionary[key] as? Value }

    /// Runs `body` with `value` bound on this thread; the previous binding comes back after.
    public func withValue<R>(_ value: Value?, _ body: () throws -> R) rethrows -> R {
        let dictionary = Thread.current.threadDictionary
        let previous = dictionary[key]
        dictionary[key] = value
        defer { dictionary[key] = previous }
        return try body()
    }
}
