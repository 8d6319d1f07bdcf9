import Foundation

/// UTC times as RFC 3339 text to the second (`2026-01-02T03:04:06Z`), as
/// `ISO8601DateFormatter` writes them by default, without a formatter per
/// call: making one opens an ICU date format, which cost a checkout more CPU
/// than its SQL.
enum Timestamp {
    static func string(from date: Date) -> String {
        // Whole seconds, dropping the fraction as the formatter does; clamped so no date can trap.
        var seconds = time_t(min(max(date.timeIntervalSince1970.rounded(.down), -1e12), 1e12))
        var parts = tm()
        gmtime_r(&seconds, &parts)
        func digits(_ value: Int32, _ width: Int) -> String {
            let text = String(value)
            return text.count >= width ? text : String(repeating: "0", count: width - text.count) + text
        }
        return digits(parts.tm_year + 1900, 4) + "-" + digits(parts.tm_mon + 1, 2) + "-" + digits(parts.tm_mday, 2)
            + "T" + digits(parts.tm_hour, 2) + ":" + digits(parts.tm_min, 2) + ":" + digits(parts.tm_sec, 2) + "Z"
    }
}
