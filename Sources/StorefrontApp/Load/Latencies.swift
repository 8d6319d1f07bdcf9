import Foundation

/// The times of one kind of thing (a step, an HTTP call) and how many failed.
struct Latencies {
    private(set) var seconds: [Double] = []
    private(set) var failures = 0

    var count: Int { seconds.count }

    mutating func add(_ duration: Double, failed: Bool) {
        seconds.append(duration)
        if failed { failures += 1 }
    }

    mutating func merge(_ other: Latencies) {
        seconds += other.seconds
        failures += other.failures
    }

    /// Upper bounds of the histogram's buckets, in milliseconds; the last bucket has none.
    static let bucketBounds: [Double] = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10000, 30000]

    func summary() -> Summary {
        let sorted = seconds.sorted()
        func percentile(_ p: Double) -> Double {
            // Nearest rank: the smallest time at or above p percent of the samples.
            guard !sorted.isEmpty else { return 0 }
            let rank = Int((p / 100 * Double(sorted.count)).rounded(.up))
            return sorted[min(sorted.count, max(1, rank)) - 1] * 1000
        }
        var buckets = Array(repeating: 0, count: Self.bucketBounds.count + 1)
        for time in sorted {
            let milliseconds = time * 1000
            buckets[Self.bucketBounds.firstIndex(where: { milliseconds <= $0 }) ?? Self.bucketBounds.count] += 1
        }
        let histogram = buckets.enumerated().map { index, count in
            Summary.Bucket(upToMilliseconds: index < Self.bucketBounds.count ? Self.bucketBounds[index] : nil, count: count)
        }
        return Summary(count: sorted.count, failures: failures, p50: percentile(50), p95: percentile(95),
                       p99: percentile(99), max: (sorted.last ?? 0) * 1000, histogram: histogram)
    }

    /// Milliseconds.
    struct Summary: Codable, Equatable {
        struct Bucket: Codable, Equatable {
            /// The bucket holds times above the previous bound and up to this one; nil: above the last bound.
            var upToMilliseconds: Double?
            var count: Int
        }
        var count: Int
        var failures: Int
        var p50: Double
        var p95: Double
        var p99: Double
        var max: Double
        var histogram: [Bucket]
    }
}
