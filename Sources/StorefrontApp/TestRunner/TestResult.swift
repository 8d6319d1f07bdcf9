import Foundation

/// How one script of a `storefront test` run ended.
public struct TestResult {
    public enum Verdict {
        case passed
        /// An expectation did not hold (exit status 1 for a single script).
        case failed(ScriptFailure)
        /// The script could not be run: a syntax error or no shop to run it on.
        case broken(String)
    }

    public var path: String
    public var verdict: Verdict
    public var duration: TimeInterval
    /// Where the screen of a failure was saved, if it was.
    public var savedScreen: String?
    /// How many times the script ran: more than once when `--retries` ran it again after a failure.
    public var attempts = 1
    /// Why each earlier run failed (one line each), when the script was run again.
    public var earlierFailures: [String] = []

    public var passed: Bool { if case .passed = verdict { return true }; return false }
    /// Passed, but only after failing: reported as flaky, counted as a pass for the exit status.
    public var flaky: Bool { passed && attempts > 1 }

    /// PASS, FLAKY or FAIL.
    public var status: String { flaky ? "FLAKY" : passed ? "PASS" : "FAIL" }

    /// Why this run did not pass, in one line (nil when it passed).
    public var reason: String? {
        switch verdict {
        case .passed: return nil
        case .failed(let failure): return "\(failure.location): \(failure.reason)"
        case .broken(let message): return message.hasPrefix(path) ? message : "\(path): \(message)"
        }
    }

    /// The script's name without directory and extension.
    public var name: String { URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent }

    /// The one line printed for this script.
    public var summaryLine: String {
        let time = Durations.describe(duration)
        switch verdict {
        case .passed where flaky:
            let failedRuns = attempts == 2 ? "run 1" : "runs 1–\(attempts - 1)"
            return "FLAKY \(path) (\(time), passed on run \(attempts); \(failedRuns) failed: \(earlierFailures.first ?? "?"))"
        case .passed:
            return "PASS \(path) (\(time))"
        case .failed, .broken:
            let runs = attempts > 1 ? " (failed \(attempts) runs)" : ""
            return "FAIL \(reason ?? path)\(runs)"
        }
    }
}
