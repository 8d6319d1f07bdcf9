import Foundation
import StoreCore

/// Messages posted to the UI loop from other threads (answers to requests,
/// signals). The loop drains it between input events.
final class MessageInbox: @unchecked Sendable {
    private let lock = NSLock()
    private var messages: [Message] = []
    private var inFlight = 0
    /// Called after each message arrives, to wake a loop waiting for input.
    private let arrived: @Sendable () -> Void

    init(arrived: @escaping @Sendable () -> Void = {}) { self.arrived = arrived }

    func post(_ message: Message) {
        lock.lock(); messages.append(message); lock.unlock()
        arrived()
    }

    func drain() -> [Message] {
        lock.lock(); defer { lock.unlock() }
        let drained = messages
        messages.removeAll()
        return drained
    }

    /// Counts requests started and answered, so a script runner can tell when
    /// the network has gone quiet.
    func requestStarted() { lock.lock(); inFlight += 1; lock.unlock() }
    func requestFinished(_ message: Message) {
        lock.lock(); inFlight -= 1; messages.append(message); lock.unlock()
        arrived()
    }

    var isIdle: Bool {
        lock.lock(); defer { lock.unlock() }
        return inFlight == 0 && messages.isEmpty
    }
}
