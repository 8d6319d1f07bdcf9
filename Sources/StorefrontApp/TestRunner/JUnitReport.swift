import Foundation

/// A JUnit XML report (the Ant/Jenkins shape most CI systems read): one
/// `<testsuite>` with a `<testcase>` per script; an expectation that failed
/// is a `<failure>`, a script that could not run is an `<error>`.
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

    /// Escapes for XML text and attributes, dropping characters XML 1.0 forbids.
    static func escape(_ text: String) -> String {
        var result = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&apos;"
            case "\n", "\t", "\r": result.unicodeScalars.append(scalar)
            default:
                if scalar.value < 0x20 || (0xFFFE...0xFFFF).contains(scalar.value) { continue }
                result.unicodeScalars.append(scalar)
            }
        }
        return result
    }
}
