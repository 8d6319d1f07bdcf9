import Foundation

/// The time the UI shows. Real time by default; `--clock` fixes where it
/// starts so dates on screen are the same on every run of a script.
public struct AppClock: Sendable {
    private let origin: Date?
    private let startedAt: Date
    private let advances: Bool

    /// Real time.
    public static var system: AppClock { AppClock(origin: nil, advances: true) }

    /// Starts at `origin`; moves on with real time when `advances`, else stands still.
    public static func fixed(at origin: Date, advances: Bool = true) -> AppClock {
        AppClock(origin: origin, advances: advances)
    }

    private init(origin: Date?, advances: Bool) {
        self.origin = origin
        self.startedAt = Date()
        self.advances = advances
    }

    public func now() -> Date {
        guard let origin else { return Date() }
        guard advances else { return origin }
        return origin.addingTimeInterval(Date().timeIntervalSince(startedAt))
    }

    /// Parses `2026-01-01T10:00:00Z` (ISO 8601, with or without fractional seconds).
    public static func parse(_ text: String) -> Date? {
        let formatter = ISO8601DateFormatter()
        if let date = formatter.date(from: text) { return date }
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.date(from: text)
    }
}
