import Foundation

/// Durations as scripts and flags write them: `200ms`, `5s`, `1.5s`, `2m`.
public enum Durations {
    public static func parse(_ text: String) -> TimeInterval? {
        let units: [(String, Double)] = [("ms", 0.001), ("s", 1), ("m", 60)]
        for (suffix, scale) in units where text.hasSuffix(suffix) {
            let number = text.dropLast(suffix.count)
            guard !number.isEmpty, number.allSatisfy({ $0.isNumber || $0 == "." }),
                  let value = Double(number), value >= 0 else { return nil }
            return value * scale
        }
        return nil
    }

    /// `1.2 s`, `350 ms` for messages.
    public static func describe(_ interval: TimeInterval) -> String {
        interval < 1 ? "\(Int((interval * 1000).rounded())) ms" : String(format: "%.1f s", interval)
    }
}
