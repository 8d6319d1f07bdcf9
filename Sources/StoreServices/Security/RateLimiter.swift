import Foundation

/// A token bucket per key: each key may spend `capacity` tokens, and tokens
/// come back at `capacity` per `interval`, so a key is held to `capacity`
/// events per interval after a burst. Keys whose bucket has filled again are
/// forgotten, and at most `maximumKeys` are kept, so no stream of new keys
/// can make it grow without bound.
public final class RateLimiter: @unchecked Sendable {
    public let capacity: Int
    public let interval: TimeInterval
    public let maximumKeys: Int

    private struct Bucket {
        var tokens: Double
        var updated: TimeInterval
    }

    private var buckets: [String: Bucket] = [:]
    private let lock = NSLock()

    public init(capacity: Int, interval: TimeInterval = 60, maximumKeys: Int = 100_000) {
        self.capacity = max(1, capacity)
        self.interval = max(0.001, interval)
        self.maximumKeys = max(1, maximumKeys)
    }

    /// Seconds until `key` may spend a token again (at least 1), or nil when it may now.
    public func retryAfter(_ key: String, now: TimeInterval = RateLimiter.clock()) -> Int? {
        lock.lock(); defer { lock.unlock() }
        let tokens = refilled(key, now: now).tokens
        guard tokens < 1 else { return nil }
        return max(1, Int(((1 - tokens) / refillPerSecond).rounded(.up)))
    }

    /// Spends a token of `key` (an event to count, e.g. a failed sign-in).
    public func spend(_ key: String, now: TimeInterval = RateLimiter.clock()) {
        lock.lock(); defer { lock.unlock() }
        var bucket = refilled(key, now: now)
        bucket.tokens = max(0, bucket.tokens - 1)
        if buckets[key] == nil, buckets.count >= maximumKeys { makeRoom(now: now) }
        buckets[key] = bucket
    }

    /// Keys with a bucket that has not filled again.
    public var trackedKeys: Int {
        lock.lock(); defer { lock.unlock() }
        return buckets.count
    }

    /// Seconds of a monotonic clock: wall-clock changes neither lift nor extend a limit.
    public static func clock() -> TimeInterval { ProcessInfo.processInfo.systemUptime }

    private var refillPerSecond: Double { Double(capacity) / interval }

    /// The key's bucket as of `now`. Call with the lock held.
    private func refilled(_ key: String, now: TimeInterval) -> Bucket {
        guard let bucket = buckets[key] else { return Bucket(tokens: Double(capacity), updated: now) }
        let elapsed = max(0, now - bucket.updated)
        return Bucket(tokens: min(Double(capacity), bucket.tokens + elapsed * refillPerSecond), updated: now)
    }

    /// Forgets full buckets, then the longest untouched ones, down to nine tenths
    /// of the maximum. Call with the lock held.
    private func makeRoom(now: TimeInterval) {
        buckets = buckets.filter { refilled($0.key, now: now).tokens < Double(capacity) }
        let target = maximumKeys - max(1, maximumKeys / 10)
        guard buckets.count > target else { return }
        for (key, _) in buckets.sorted(by: { $0.value.updated < $1.value.updated }).prefix(buckets.count - target) {
            buckets[key] = nil
        }
    }
}
