import Foundation

/// What every shopper of a load run reports, gathered under one lock: step
/// times, HTTP calls per step, iterations, failures and completed checkouts.
final class LoadRecorder: @unchecked Sendable {
    /// A step as the report lists it, in script order.
    struct StepKey: Hashable, Comparable {
        /// The script's place among those given, then the step's first command's place in it.
        var script: Int
        var position: Int
        var name: String
        static func < (a: StepKey, b: StepKey) -> Bool { (a.script, a.position, a.name) < (b.script, b.position, b.name) }
    }

    struct Counts {
        var shoppersActive = 0
        var iterations = 0
        var failedIterations = 0
        var requests = 0
        var checkouts = 0
    }

    private let lock = NSLock()
    private var steps: [StepKey: Latencies] = [:]
    private var calls: [String: [String: Latencies]] = [:]
    private var counts = Counts()
    private var paidOrders = Set<String>()
    private var failureReasons: [String: Int] = [:]
    private var callErrors: [String: Int] = [:]

    func recordStep(_ key: StepKey, seconds: Double, failed: Bool) {
        lock.lock(); defer { lock.unlock() }
        steps[key, default: Latencies()].add(seconds, failed: failed)
    }

    /// `error`: why the call failed, in a few words; nil when it succeeded.
    func recordCall(_ endpoint: String, step: String, seconds: Double, error: String?) {
        lock.lock(); defer { lock.unlock() }
        calls[step, default: [:]][endpoint, default: Latencies()].add(seconds, failed: error != nil)
        counts.requests += 1
        if let error { callErrors["\(endpoint) → \(error)", default: 0] += 1 }
    }

    /// An approved payment; counted once per order even if the answer came twice.
    func checkoutCompleted(orderID: String) {
        lock.lock(); defer { lock.unlock() }
        if paidOrders.insert(orderID).inserted { counts.checkouts += 1 }
    }

    func iterationFinished(failure: String?) {
        lock.lock(); defer { lock.unlock() }
        counts.iterations += 1
        if let failure {
            counts.failedIterations += 1
            failureReasons[failure, default: 0] += 1
        }
    }

    func shopperStarted() { lock.lock(); counts.shoppersActive += 1; lock.unlock() }
    func shopperFinished() { lock.lock(); counts.shoppersActive -= 1; lock.unlock() }

    var current: Counts {
        lock.lock(); defer { lock.unlock() }
        return counts
    }

    /// Everything gathered, for the report.
    func snapshot() -> (steps: [(StepKey, Latencies)], calls: [String: [String: Latencies]], counts: Counts,
                        failures: [String: Int], callErrors: [String: Int]) {
        lock.lock(); defer { lock.unlock() }
        return (steps.sorted { $0.key < $1.key }, calls, counts, failureReasons, callErrors)
    }
}
