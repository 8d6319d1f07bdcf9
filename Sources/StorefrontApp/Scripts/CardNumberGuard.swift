import Foundation
import StoreCore

/// Card data kept out of every text that leaves the app. First, structurally:
/// the cells of the card fields (number, expiry, CVC) are redacted whatever they
/// hold, valid or not, complete or not. Then, as a second net for text drawn
/// anywhere else: any run of 13–19 digits (spaces or dashes between groups
/// allowed) that passes Luhn is taken for a card number and replaced, digit by
/// digit, with "•".
public enum CardNumberGuard {
    private static let candidate = try! NSRegularExpression(pattern: "\\d(?:[ -]?\\d){12,18}")

    /// The screen as text for a snapshot, failure screen, report, log or recording.
    public static func screenText(_ grid: Grid) -> String {
        redact(grid.redactedText)
    }

    /// `text` with every run of three or more digits of `typed` (what was typed
    /// into a card form) replaced by "•", grouped by spaces, slashes or dashes or not.
    public static func redact(_ text: String, typed: [String]) -> String {
        var result = text
        let runs = typed.flatMap { $0.split { !$0.isASCIIDigit } }.filter { $0.count >= 3 }
        for run in Set(runs.map(String.init)).sorted(by: { $0.count > $1.count }) {
            let pattern = run.map(String.init).joined(separator: "[ /-]?")
            guard let regex = try? NSRegularExpression(pattern: pattern) else { continue }
            for match in regex.matches(in: result, range: NSRange(result.startIndex..., in: result)).reversed() {
                guard let range = Range(match.range, in: result) else { continue }
                result.replaceSubrange(range, with: String(result[range].map { $0.isASCIIDigit ? "•" : $0 }))
            }
        }
        return result
    }

    public static func redact(_ text: String) -> String {
        var result = text
        let matches = candidate.matches(in: text, range: NSRange(text.startIndex..., in: text))
        for match in matches.reversed() {
            guard let range = Range(match.range, in: text) else { continue }
            let run = String(text[range])
            if let hit = cardNumber(in: run), let hitRange = Range(hit, in: run) {
                let redacted = String(run[hitRange].map { $0.isASCIIDigit ? "•" : $0 })
                let replaced = run.replacingCharacters(in: hitRange, with: redacted)
                result.replaceSubrange(Range(match.range, in: result)!, with: replaced)
            }
        }
        return result
    }

    /// The longest 13–19 digit stretch of `run` that passes Luhn, if any.
    private static func cardNumber(in run: String) -> NSRange? {
        let characters = Array(run)
        let digitPositions = characters.indices.filter { characters[$0].isASCIIDigit }
        for length in stride(from: min(19, digitPositions.count), through: 13, by: -1) {
            for start in 0...(digitPositions.count - length) {
                let positions = digitPositions[start..<(start + length)]
                let digits = String(positions.map { characters[$0] })
                if Luhn.isValid(digits) {
                    let lower = positions.first!, upper = positions.last!
                    let prefix = String(characters[..<lower])
                    let span = String(characters[lower...upper])
                    return NSRange(location: prefix.utf16.count, length: span.utf16.count)
                }
            }
        }
        return nil
    }
}
