import Foundation

/// Runs pieces of work on several threads and hands their results back on the
/// calling thread in index order, each as soon as it and every one before it
/// are done — so a parallel run prints what a serial one would, in the same order.
enum OrderedParallel {
    /// `work` runs on up to `jobs` threads at once; `inOrder` on this thread.
    static func run<Value>(count: Int, jobs: Int, work: @escaping (Int) -> Value, inOrder: (Int, Value) -> Void) {
        guard jobs > 1 && count > 1 else {
            for index in 0..<count { inOrder(index, work(index)) }
            return
        }
        let shared = SharedResults<Value>()
        for _ in 0..<min(jobs, count) {
            let thread = Thread {
                while let index = shared.claim(below: count) { shared.finish(index, work(index)) }
            }
            // The app loop and the embedded shop run on this thread: give it a main thread's stack.
            thread.stackSize = 8 << 20
            thread.start()
        }
        for index in 0..<count { inOrder(index, shared.take(index)) }
    }
}

/// The next index to claim and the results not yet taken, behind one lock.
private final class SharedResults<Value>: @unchecked Sendable {
    private let condition = NSCondition()
    private var next = 0
    private var done: [Int: Value] = [:]

    func claim(below count: Int) -> Int? {
        condition.lock(); defer { condition.unlock() }
        guard next < count else { return nil }
        next += 1
        return next - 1
    }

    func finish(_ index: Int, _ value: Value) {
        condition.lock()
        done[index] = value
        condition.broadcast()
        condition.unlock()
    }

    /// Waits for the result of `index` and takes it.
    func take(_ index: Int) -> Value {
        condition.lock(); defer { condition.unlock() }
        while true {
            if let value = done.removeValue(forKey: index) { return value }
            condition.wait()
        }
    }
}
