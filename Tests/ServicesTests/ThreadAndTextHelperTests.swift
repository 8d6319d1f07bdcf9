import Foundation
import Testing
@testable import StoreServices

/// The small helpers the request path leans on: reused threads and the whitespace trim.
@Suite struct ThreadAndTextHelperTests {
    /// Every job runs at once on a thread of its own, idle threads or not:
    /// each job here waits until all have started, so one queued behind
    /// another would never finish.
    @Test func everyJobRunsAtOnceWhetherThreadsAreIdleOrNot() {
        let threads = ReusableThreads(name: "test-jobs", idleLimit: 5)
        for round in 0..<3 {
            let count = 8 + round * 4
            let started = DispatchSemaphore(value: 0)
            let allStarted = DispatchSemaphore(value: 0)
            let finished = DispatchGroup()
            for _ in 0..<count {
                finished.enter()
                threads.run {
                    started.signal()
                    allStarted.wait()
                    finished.leave()
                }
            }
            for _ in 0..<count { #expect(started.wait(timeout: .now() + 10) == .success, "round \(round)") }
            for _ in 0..<count { allStarted.signal() }
            #expect(finished.wait(timeout: .now() + 10) == .success, "round \(round)")
        }
    }

    @Test func trimmingWhitespaceMeansWhatFoundationsTrimMeans() {
        for text in ["", " ", "\t", "abc", " abc", "abc\t", "\t a b \t", "ünï", " ünï ", "\u{00A0}x\u{00A0}", "x\u{2003}",
                     "\n x \n", "key-123"] {
            #expect(text.trimmingWhitespace() == text.trimmingCharacters(in: .whitespaces), "\(Array(text.unicodeScalars))")
            #expect(text[...].trimmingWhitespace() == text.trimmingCharacters(in: .whitespaces))
        }
    }
}
