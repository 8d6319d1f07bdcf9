import Foundation

/// Lets only a few password hashes run at once, and only a few more wait.
/// PBKDF2 is made slow on purpose; without a bound, a flood of sign-ins would
/// take every core and every connection's thread. With it, at most `slots`
/// cores hash (the rest serve the catalogue, carts and checkouts), at most
/// `waiting` requests queue for a slot, and any beyond get a quick 503 with
/// `Retry-After` instead of occupying the server. While it is turning
/// requests away (a flood), the hashes that do run go below the serving
/// threads' priority, so a contended core serves the other shoppers first;
/// otherwise a hash runs at full priority, however busy the machine.
public final class PasswordHashingGate: @unchecked Sendable {
    public let slots: Int
    public let waiting: Int
    /// How long a queued request waits for a slot before it gets the 503.
    public let patience: TimeInterval

    private let condition = NSCondition()
    private var running = 0
    private var queued = 0
    /// When the gate last turned a request away (uptime nanoseconds), if it has.
    private var lastRefusal: UInt64?

    /// One slot fewer than the cores (at least one), and twice as many waiting.
    public static var defaultSlots: Int { max(1, ProcessInfo.processInfo.activeProcessorCount - 1) }

    public init(slots: Int = PasswordHashingGate.defaultSlots, waiting: Int? = nil, patience: TimeInterval = 5) {
        self.slots = max(1, slots)
        self.waiting = max(0, waiting ?? 2 * max(1, slots))
        self.patience = patience
    }

    /// Whether a request now would get a slot or a place in the queue. The
    /// router asks before giving a sign-in a thread; a false answer is a
    /// refusal, and is remembered as one.
    public func admits() -> Bool {
        condition.lock(); defer { condition.unlock() }
        if running < slots || queued < waiting { return true }
        lastRefusal = Self.now()
        return false
    }

    /// How long after a refusal the gate counts as flooded.
    static let floodMemoryNanoseconds: UInt64 = 2_000_000_000

    private static func now() -> UInt64 { DispatchTime.now().uptimeNanoseconds }

    /// Runs `hash` in a slot, on the calling thread (during a flood on a
    /// lowered thread of its own), or throws the 503 when the slots are taken
    /// and the queue is full (or the wait runs out).
    public func run<T>(_ hash: @escaping () throws -> T) throws -> T {
        condition.lock()
        if running >= slots {
            guard queued < waiting else {
                lastRefusal = Self.now()
                condition.unlock()
                throw HTTPError.busy
            }
            queued += 1
            let deadline = Date().addingTimeInterval(patience)
            while running >= slots {
                if !condition.wait(until: deadline) {
                    lastRefusal = Self.now()
                    queued -= 1
                    condition.unlock()
                    throw HTTPError.busy
                }
            }
            queued -= 1
        }
        running += 1
        let flooded = lastRefusal.map { Self.now() &- $0 < Self.floodMemoryNanoseconds } ?? false
        condition.unlock()
        defer {
            condition.lock()
            running -= 1
            condition.signal()
            condition.unlock()
        }
        return try flooded ? Self.belowServingPriority(hash) : hash()
    }

    /// How far below the serving threads a hash runs during a flood (a nice
    /// value, per thread on Linux): catalogue traffic wins a contended core,
    /// and a sign-in still gets about a tenth of one.
    static let floodNiceness: Int32 = 10

    /// Runs `work` on a thread of its own at the lowered priority and waits for
    /// it. A thread per hash costs microseconds beside the hash's milliseconds,
    /// and a lowered thread never serves anything else (its priority cannot be
    /// raised again without privileges).
    private static func belowServingPriority<T>(_ work: @escaping () throws -> T) throws -> T {
        let finished = DispatchSemaphore(value: 0)
        let outcome = HashOutcome<T>()  // set before `finished` is signalled
        let thread = Thread {
            // PRIO_PROCESS with 0 names the calling thread alone on Linux.
            _ = setpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0, floodNiceness)
            outcome.result = Result { try work() }
            finished.signal()
        }
        thread.name = "password-hash"
        thread.start()
        finished.wait()
        return try outcome.result.get()
    }
}

/// Carries a hash's result from its thread back to the one waiting for it.
private final class HashOutcome<T>: @unchecked Sendable {
    var result: Result<T, Error> = .failure(HTTPError.busy)
}
