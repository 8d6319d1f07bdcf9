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

    public var passed: Bool { if case .passed = verdict { return true }; return false }

    /// The script's name without directory and extension.
    public var name: String { URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent }

    /// The one line printed for this script.
    public var summaryLine: String {
        let time = Durations.describe(duration)
        switch verdict {
        case .passed:
            return "PASS \(path) (\(time))"
        case .failed(let failure):
            return "FAIL \(failure.location): \(failure.reason)"
        case .broken(let message):
            return message.hasPrefix(path) ? "FAIL \(message)" : "FAIL \(path): \(message)"
        }
    }
}
