import Foundation
import StoreTerminal

/// A JUnit XML report (the Ant/Jenkins shape most CI systems read): one
/// `<testsuite>` with a `<testcase>` per script; an expectation that failed
/// is a `<failure>`, a script that could not run is an `<error>`. A flaky
/// script (passed when run again) is a passed test case that says so the way
/// Maven Surefire does, which Jenkins and GitLab read: a `<flakyFailure>` per
/// failed run, a `flaky` property, and a note in `<system-out>`.
enum JUnitReport {
    static func xml(for results: [TestResult], timestamp: Date) -> String {
        let failures = results.filter { if case .failed = $0.verdict { return true }; return false }.count
        let errors = results.filter { if case .broken = $0.verdict { return true }; return false }.count
        let total = results.reduce(0) { $0 + $1.duration }
        let stamp = ISO8601DateFormatter().string(from: timestamp)
        var lines = [
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>",
            "<testsuites name=\"storefront\" tests=\"\(results.count)\" failures=\"\(failures)\" errors=\"\(errors)\" time=\"\(seconds(total))\">",
            "  <testsuite name=\"keystroke scripts\" tests=\"\(results.count)\" failures=\"\(failures)\" errors=\"\(errors)\" skipped=\"0\" time=\"\(seconds(total))\" timestamp=\"\(stamp)\">",
        ]
        for result in results {
            let opening = "    <testcase name=\"\(escape(result.name))\" classname=\"\(escape(className(result.path)))\" file=\"\(escape(result.path))\" time=\"\(seconds(result.duration))\""
            switch result.verdict {
            case .passed where result.flaky:
                lines.append(opening + ">")
                lines.append("      <properties>")
                lines.append("        <property name=\"flaky\" value=\"true\"/>")
                lines.append("        <property name=\"runs\" value=\"\(result.attempts)\"/>")
                lines.append("      </properties>")
                for reason in result.earlierFailures {
                    lines.append("      <flakyFailure message=\"\(escape(reason))\" type=\"expectation\"/>")
                }
                let note = "FLAKY: passed on run \(result.attempts) after \(result.earlierFailures.count) failed: "
                    + result.earlierFailures.joined(separator: " / ")
                lines.append("      <system-out>\(escape(note))</system-out>")
                lines.append("    </testcase>")
            case .passed:
                lines.append(opening + "/>")
            case .failed(let failure):
                lines.append(opening + ">")
                lines.append("      <failure message=\"\(escape("\(failure.location): \(failure.reason)"))\" type=\"expectation\">\(escape(failure.description))</failure>")
                lines.append("    </testcase>")
            case .broken(let message):
                lines.append(opening + ">")
                lines.append("      <error message=\"\(escape(message))\" type=\"script\">\(escape(message))</error>")
                lines.append("    </testcase>")
            }
        }
        lines.append("  </testsuite>")
        lines.append("</testsuites>")
        return lines.joined(separator: "\n") + "\n"
    }

    private static func className(_ path: String) -> String {
        let directory = (path as NSString).deletingLastPathComponent
        let dotted = directory.split(separator: "/").filter { $0 != "." && $0 != ".." }.joined(separator: ".")
        return dotted.isEmpty ? "scripts" : dotted
    }

    private static func seconds(_ interval: TimeInterval) -> String { String(format: "%.3f", interval) }

    static func escape(_ text: String) -> String { XMLText.escape(text) }
}
