import Foundation
import StoreHTTP
import StoreWire

/// Delivers the outbox's events to every consumer, at least once: an event is
/// marked delivered only after all consumers took it; otherwise it is tried
/// again with growing delays. Runs on its own thread; tests may pause it and
/// drive deliveries by hand.
///
/// Several instances of the order service run a dispatcher each on one
/// database, with no coordination but the outbox table. The choice made here
/// is a lease in the table rather than an event bus (Redis Streams): a
/// dispatcher claims a few due events in one short transaction (`SELECT …
/// FOR UPDATE SKIP LOCKED` on MariaDB, so two dispatchers take different
/// events without waiting), writing its `identity` and `lease_until`; it
/// delivers them outside any transaction, renewing the lease of each just
/// before delivering it. A dispatcher that dies holding events gives them up
/// when their lease runs out, and whichever dispatcher claims next delivers
/// them. A dispatcher slower than its lease may deliver an event another one
/// delivers too: every consumer is idempotent by event (reporting and
/// fulfillment in the transaction of their effect, the emails and the cart
/// through `ProcessedEvents`' claims, the stock by order), so effects stay
/// once. The lease only spares that double work; so it is short, and the
/// events a killed instance held are delivered half a minute later.
/// Leases compare the instances' clocks, which must agree to well within `lease`.
public final class OutboxDispatcher: @unchecked Sendable {
    public let store: OrderStore
    /// Names this dispatcher in the events it holds (`claimed_by`): host, process and a random part.
    public let identity: String
    /// How long a claim holds an event: longer than delivering one normally takes.
    public let lease: TimeInterval
    let consumers: [OrderPurchasedConsumer]
    let cancellationConsumers: [OrderCancelledConsumer]
    let expiryConsumers: [OrderExpiredConsumer]
    let pollInterval: TimeInterval
    let maximumBackoff: TimeInterval

    private let condition = NSCondition()
    private var running = false
    private var paused: Bool
    private var wakeRequested = false
    private var thread: Thread?
    private var finished = true
    /// One delivery pass at a time, whether from the thread or a test.
    private let passLock = NSLock()
    /// The events requests wait for (`waitUntilDelivered`) and those of them delivered here.
    private let deliveries = NSCondition()
    private var awaited = Set<String>()
    private var arrived = Set<String>()
    /// When true the thread delivers nothing (the `dispatcher.stall` fault).
    public var isStalled: @Sendable () -> Bool = { false }
    /// Where each consumer's handling of an event is written, with the event's trace.
    public var log = ServiceLog.silent

    public init(store: OrderStore, consumers: [OrderPurchasedConsumer], cancellationConsumers: [OrderCancelledConsumer] = [],
                expiryConsumers: [OrderExpiredConsumer] = [],
                startPaused: Bool = false, pollInterval: TimeInterval = 1, maximumBackoff: TimeInterval = 60,
                lease: TimeInterval = 30) {
        self.store = store
        self.identity = "\(ProcessInfo.processInfo.hostName):\(ProcessInfo.processInfo.processIdentifier):\(EventSignature.hex(Crypto.randomBytes(4)))"
        self.lease = lease
        self.consumers = consumers
        self.cancellationConsumers = cancellationConsumers
        self.expiryConsumers = expiryConsumers
        self.paused = startPaused
        self.pollInterval = pollInterval
        self.maximumBackoff = maximumBackoff
    }

    /// Starts the background thread (which does nothing while paused).
    public func start() {
        condition.lock()
        defer { condition.unlock() }
        guard !running else { return }
        running = true
        finished = false
        let thread = Thread { [weak self] in self?.loop() }
        thread.name = "outbox-dispatcher"
        self.thread = thread
        thread.start()
    }

    /// Stops the thread and waits for a delivery in progress to finish.
    public func stop() {
        condition.lock()
        running = false
        condition.broadcast()
        while !finished { condition.wait() }
        thread = nil
        condition.unlock()
        waitForDeliveriesInFlight()
    }

    public func pause() {
        condition.lock(); paused = true; condition.unlock()
        // Wait out a pass in progress and its deliveries, so nothing is delivered after pause() returns.
        passLock.lock(); passLock.unlock()
        waitForDeliveriesInFlight()
    }

    public func resume() {
        condition.lock(); paused = false; condition.broadcast(); condition.unlock()
    }

    public var isActive: Bool {
        condition.lock(); defer { condition.unlock() }
        return running && !paused && !isStalled()
    }

    /// Asks the thread to look at the outbox now (a new event was recorded).
    public func wake() {
        condition.lock(); wakeRequested = true; condition.broadcast(); condition.unlock()
    }

    /// Waits until the event is delivered, up to `timeout`; false when it was not.
    /// This dispatcher's own delivery wakes the waiter at once; one by another
    /// instance's dispatcher is seen in the outbox, looked at every `outboxLook`.
    public func waitUntilDelivered(_ eventID: String, timeout: TimeInterval) -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        deliveries.lock()
        awaited.insert(eventID)
        defer { awaited.remove(eventID); arrived.remove(eventID); deliveries.unlock() }
        while true {
            if arrived.contains(eventID) { return true }
            deliveries.unlock()
            let delivered = (try? store.isDelivered(outboxID: eventID)) == true
            deliveries.lock()
            if delivered || arrived.contains(eventID) { return true }
            guard Date() < deadline else { return false }
            _ = deliveries.wait(until: min(deadline, Date().addingTimeInterval(Self.outboxLook)))
        }
    }

    static let outboxLook: TimeInterval = 0.05

    /// Wakes whoever waits for the event.
    private func announceDelivery(_ eventID: String) {
        deliveries.lock(); defer { deliveries.unlock() }
        guard awaited.contains(eventID) else { return }
        arrived.insert(eventID)
        deliveries.broadcast()
    }

    /// One pass: claims due events and delivers them. Returns how many were delivered.
    @discardableResult
    public func deliverDueEvents(now: Date = Date()) -> Int {
        passLock.lock(); defer { passLock.unlock() }
        let orders = claimDue(now: now, limit: Self.claimLimit).orders
        let lock = NSLock()
        var delivered = 0, next = 0
        let group = DispatchGroup()
        for _ in 0..<min(Self.deliveriesAtOnce, orders.count) {
            group.enter()
            Thread.detachNewThread { [self] in
                defer { group.leave() }
                while true {
                    lock.lock()
                    let index = next
                    next += 1
                    lock.unlock()
                    guard index < orders.count else { return }
                    let count = deliver(orders[index], claimedAt: now)
                    lock.lock(); delivered += count; lock.unlock()
                }
            }
        }
        group.wait()
        return delivered
    }

    /// The thread's pass: claims what is due while fewer than
    /// `deliveriesAtOnce` orders are being delivered, and starts delivering
    /// each order on a thread of its own, without waiting for them: an event
    /// recorded meanwhile is claimed at once, not after the slowest delivery
    /// of the pass before. Checks for a pause under the pass lock; `pause()`
    /// then waits for the deliveries under way, so once it returns nothing
    /// more is delivered.
    private func threadPass() {
        passLock.lock(); defer { passLock.unlock() }
        guard isActive else { return }
        flight.lock()
        let room = Self.deliveriesAtOnce - ordersInFlight.count
        // No room: the next delivery to finish wakes the thread again.
        starved = room <= 0
        flight.unlock()
        guard room > 0 else { return }
        let now = Date()
        let limit = min(room, Self.claimLimit)
        let (orders, moreDue) = claimDue(now: now, limit: limit)
        if moreDue {
            // The next delivery to finish wakes the thread again.
            flight.lock(); starved = true; flight.unlock()
        }
        for order in orders {
            deliveryThreads.run { [self] in
                _ = deliver(order, claimedAt: now)
                flight.lock()
                let wakeAgain = starved
                flight.unlock()
                if wakeAgain { wake() }
            }
        }
    }

    /// Deliveries under way at once: each mostly waits for its consumers'
    /// commits to reach the disk, and commits made at the same time share a
    /// disk flush, so orders' events go side by side.
    static let deliveriesAtOnce = 16

    /// Events claimed at most in one pass.
    static let claimLimit = 20

    /// Orders whose events are being delivered by the thread's passes; their
    /// other events are left for a pass after, so one order's events are
    /// never delivered side by side.
    private let flight = NSCondition()
    private var ordersInFlight = Set<String>()
    /// Set when a pass found no room: a finishing delivery wakes the thread.
    private var starved = false
    /// The threads the thread's passes deliver on, kept for the next deliveries.
    private let deliveryThreads = ReusableThreads(name: "outbox-delivery")

    /// The order an event is about, or the event itself when it has none.
    private static func orderKey(_ entry: OutboxEntry) -> String { entry.orderID ?? entry.id }

    /// Claims the due events of orders not in flight, grouped by order (each
    /// order's in the order recorded), and marks those orders in flight.
    /// `moreDue` when the claim was full or left an order in flight's event.
    private func claimDue(now: Date, limit: Int) -> (orders: [[OutboxEntry]], moreDue: Bool) {
        flight.lock()
        let busy = ordersInFlight
        flight.unlock()
        var skipped = false
        let skipping = { (entry: OutboxEntry) -> Bool in
            guard busy.contains(Self.orderKey(entry)) else { return false }
            skipped = true
            return true
        }
        guard let claimed = try? store.claimDueOutboxEntries(by: identity, now: now, lease: lease, limit: limit,
                                                             skipping: skipping) else { return ([], false) }
        var orders: [[OutboxEntry]] = []
        var place: [String: Int] = [:]
        for entry in claimed {
            let key = Self.orderKey(entry)
            if let index = place[key] { orders[index].append(entry) } else { place[key] = orders.count; orders.append([entry]) }
        }
        flight.lock()
        for order in orders { if let first = order.first { ordersInFlight.insert(Self.orderKey(first)) } }
        flight.unlock()
        return (orders, skipped || claimed.count >= limit)
    }

    /// Delivers one order's claimed events in the order recorded, then takes
    /// the order out of flight; how many were delivered.
    private func deliver(_ order: [OutboxEntry], claimedAt now: Date) -> Int {
        let delivered = order.filter { deliverIfStillOurs($0, claimedAt: now) }.count
        flight.lock()
        if let first = order.first { ordersInFlight.remove(Self.orderKey(first)) }
        flight.broadcast()
        flight.unlock()
        return delivered
    }

    /// Waits until no delivery started by the thread is under way.
    private func waitForDeliveriesInFlight() {
        flight.lock()
        while !ordersInFlight.isEmpty { flight.wait() }
        flight.unlock()
    }

    /// Time passes while other events are delivered: once a third of the lease
    /// has gone by since the claim, the lease starts again, if the event is
    /// still ours. Before that it is ours for two thirds of a lease at least
    /// (no other dispatcher takes it before its lease runs out), longer than
    /// a delivery takes, which spares a commit per event.
    private func deliverIfStillOurs(_ entry: OutboxEntry, claimedAt now: Date) -> Bool {
        let current = Date()
        if current >= now.addingTimeInterval(lease / 3) {
            let until = max(now, current).addingTimeInterval(lease)
            guard (try? store.renewOutboxLease(id: entry.id, by: identity, until: until)) == true else { return false }
        }
        return deliver(entry)
    }

    /// Delivers one event whether or not it was delivered before, the way a
    /// redelivery after a lost acknowledgement would. For tests and repair.
    @discardableResult
    public func redeliver(eventID: String) -> Bool {
        passLock.lock(); defer { passLock.unlock() }
        guard let entry = try? store.outboxEntry(id: eventID) else { return false }
        return deliver(entry)
    }

    /// Delivers in the trace of the request that caused the event (a new one
    /// for events without), so consumers' calls and log lines carry it.
    private func deliver(_ entry: OutboxEntry) -> Bool {
        let trace = entry.traceID.flatMap(TraceParent.continuing(traceID:)) ?? .newTrace()
        return TraceContext.withValue(trace) { deliverInTrace(entry) }
    }

    /// The consumers' commits wait for the disk together, once the event is
    /// handled (`DeferredDurability`), and before it is marked delivered: an
    /// effect a power cut loses is delivered again.
    private func deliverInTrace(_ entry: OutboxEntry) -> Bool {
        do {
            var failures: [String] = []
            try DeferredDurability.deferring { try handle(entry, failures: &failures) }
            guard failures.isEmpty else { throw PipelineError(failures.joined(separator: "; ")) }
            try store.markOutboxDelivered(id: entry.id)
            announceDelivery(entry.id)
            return true
        } catch {
            let delay = min(maximumBackoff, 0.5 * pow(2, Double(min(entry.attempts, 20))))
            try? store.markOutboxFailed(id: entry.id, by: identity, nextAttempt: Date().addingTimeInterval(delay),
                                        error: String(describing: error))
            return false
        }
    }

    /// Decodes the event once and lets every consumer of its type act on it.
    private func handle(_ entry: OutboxEntry, failures: inout [String]) throws {
        switch entry.type {
        case OrderPurchased.type:
            let event = try JSONDecoder().decode(OrderPurchased.self, from: entry.payload)
            for consumer in consumers {
                run(consumer.name, on: entry, failures: &failures) { try consumer.handle(event) }
            }
        case OrderCancelled.type:
            let event = try JSONDecoder().decode(OrderCancelled.self, from: entry.payload)
            for consumer in cancellationConsumers {
                run(consumer.name, on: entry, failures: &failures) { try consumer.handle(event) }
            }
        case OrderExpired.type:
            let event = try JSONDecoder().decode(OrderExpired.self, from: entry.payload)
            for consumer in expiryConsumers {
                run(consumer.name, on: entry, failures: &failures) { try consumer.handle(event) }
            }
        default:
            throw PipelineError("unknown event type \(entry.type)")
        }
    }

    /// Lets one consumer act on the event and writes a line saying how it went, with the trace.
    private func run(_ consumer: String, on entry: OutboxEntry, failures: inout [String], _ handle: () throws -> Void) {
        let trace = TraceContext.current.map { " traceparent=\($0)" } ?? ""
        do {
            try handle()
            log.write("\(entry.type) \(entry.id) \(consumer) handled\(trace)")
        } catch {
            failures.append("\(consumer): \(error)")
            log.write("\(entry.type) \(entry.id) \(consumer) failed, to be retried\(trace)")
        }
    }

    private func loop() {
        while true {
            condition.lock()
            if !running { finished = true; condition.broadcast(); condition.unlock(); return }
            if paused || !wakeRequested {
                _ = condition.wait(until: Date().addingTimeInterval(pollInterval))
            }
            let shouldRun = running && !paused
            wakeRequested = false
            condition.unlock()
            if shouldRun { threadPass() }
        }
    }
}
