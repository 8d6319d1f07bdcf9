import Foundation

/// Threads for work that may block, each job at once on a thread of its own:
/// an idle thread of the set takes it, or a new thread starts when none is
/// idle, so a job never waits behind another. A thread idle for `idleLimit`
/// ends. What it saves is starting and ending a thread per job (the kernel's
/// clone and unmapping of the stack, Foundation's thread set-up), a few per
/// cent of a checkout's CPU when every order took three.
final class ReusableThreads: @unchecked Sendable {
    /// The name the threads carry (in `top -H` and `perf`).
    let name: String
    let idleLimit: TimeInterval
    private let condition = NSCondition()
    private var jobs: [@Sendable () -> Void] = []
    private var idle = 0

    init(name: String, idleLimit: TimeInterval = 10) {
        self.name = name
        self.idleLimit = idleLimit
    }

    /// Runs `job` on an idle thread, or on a new one when every thread is busy.
    func run(_ job: @escaping @Sendable () -> Void) {
        condition.lock()
        // Each idle thread takes one job: a job beyond them gets a thread of its own.
        if jobs.count < idle {
            jobs.append(job)
            condition.signal()
            condition.unlock()
            return
        }
        condition.unlock()
        let thread = Thread { [self] in
            Thread.current.name = name
            job()
            serve()
        }
        thread.start()
    }

    /// Takes the jobs handed to idle threads until none comes for `idleLimit`.
    private func serve() {
        condition.lock()
        while true {
            if !jobs.isEmpty {
                let job = jobs.removeFirst()
                condition.unlock()
                job()
                condition.lock()
                continue
            }
            idle += 1
            let woken = condition.wait(until: Date().addingTimeInterval(idleLimit))
            idle -= 1
            if !woken, jobs.isEmpty {
                condition.unlock()
                return
            }
        }
    }
}
