import Foundation

/// Where an app's requests run while they wait on the network: a dispatch
/// queue for one app, or threads of their own for a crowd of apps in one
/// process (`storefront load`), whose hundreds of blocking calls at once would
/// starve the dispatch pool (it grows by about a core's worth of threads).
public final class RequestThreads: @unchecked Sendable {
    private let condition = NSCondition()
    private var queue: [() -> Void] = []
    private var waiting = 0
    private let stackSize: Int

    public init(stackSize: Int = 512 * 1024) { self.stackSize = stackSize }

    /// Runs `work` on an idle thread, or on a new one when none is idle;
    /// threads are kept for the next requests.
    public func run(_ work: @escaping () -> Void) {
        condition.lock()
        queue.append(work)
        let needsThread = queue.count > waiting
        if !needsThread { condition.signal() }
        condition.unlock()
        if needsThread {
            let thread = Thread { [self] in serve() }
            thread.stackSize = stackSize
            thread.start()
        }
    }

    private func serve() {
        condition.lock()
        while true {
            while queue.isEmpty {
                waiting += 1
                condition.wait()
                waiting -= 1
            }
            let work = queue.removeFirst()
            condition.unlock()
            work()
            condition.lock()
        }
    }
}
