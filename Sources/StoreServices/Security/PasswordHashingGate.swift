import Foundation

/// Lets only a few password hashes run at once, and only a few more wait.
/// PBKDF2 is made slow on purpose; without a bound, a flood of sign-ins would
/// take every core and every connection's thread. With it, at most `slots`
/// cores hash (the rest serve the catalogue, carts and checkouts), at most
/// `waiting` requests queue for a slot, and any beyond get a quick 503 with
/// `Retry-After` instead of occupying the server.
public final class PasswordHashingGate: @unchecked Sendable {
    public let slots: Int
    public let waiting: Int
    /// How long a queued request waits for a slot before it gets the 503.
    public let patience: TimeInterval

    private let condition = NSCondition()
    private var running = 0
    private var queued = 0

    /// One slot fewer than the cores (at least one), and twice as many waiting.
    public static var defaultSlots: Int { max(1, ProcessInfo.processInfo.activeProcessorCount - 1) }

    public init(slots: Int = PasswordHashingGate.defaultSlots, waiting: Int? = nil, patience: TimeInterval = 5) {
        self.slots = max(1, slots)
        self.waiting = max(0, waiting ?? 2 * max(1, slots))
        self.patience = patience
    }

    /// False while every slot runs and the queue is full: a request now would get the 503.
    /// The router reads it to refuse a sign-in before giving it a thread.
    public var hasRoom: Bool {
        condition.lock(); defer { condition.unlock() }
        return running < slots || queued < waiting
    }

    /// Runs `hash` in a slot on the calling thread, or throws the 503 when
    /// the slots are taken and the queue is full (or the wait runs out).
    public func run<T>(_ hash: () throws -> T) throws -> T {
        condition.lock()
        if running >= slots {
            guard queued < waiting else {
                condition.unlock()
                throw HTTPError.busy
            }
            queued += 1
            let deadline = Date().addingTimeInterval(patience)
            while running >= slots {
                if !condition.wait(until: deadline) {
                    queued -= 1
                    condition.unlock()
                    throw HTTPError.busy
                }
            }
            queued -= 1
        }
        running += 1
        condition.unlock()
        defer {
            condition.lock()
            running -= 1
            condition.signal()
            condition.unlock()
        }
        return try hash()
    }
}
