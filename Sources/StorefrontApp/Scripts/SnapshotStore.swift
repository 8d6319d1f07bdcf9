import Foundation

/// Where `snapshot NAME` writes screens, and the golden files they are
/// compared with: a snapshot that exists is compared, one that does not is
/// created, and `update` rewrites them all.
public struct SnapshotStore {
    public enum Outcome: Equatable {
        case created(path: String)
        case matched(path: String)
        case updated(path: String)
        case mismatched(path: String, diff: String)
    }

    public var directory: String
    public var update: Bool

    public init(directory: String, update: Bool = false) {
        self.directory = directory
        self.update = update
    }

    /// The snapshot directory a script uses when none is given: `snapshots/<script name>/` beside it.
    public static func defaultDirectory(forScript path: String) -> String {
        let url = URL(fileURLWithPath: path)
        let name = url.deletingPathExtension().lastPathComponent
        return url.deletingLastPathComponent().appendingPathComponent("snapshots").appendingPathComponent(name).path
    }

    /// Masks, then the card number guard, are applied before anything is written or
    /// compared. `screen` is already redacted (`Grid.redactedText`): card fields show "•".
    public static func prepare(_ screen: String, masks: [NSRegularExpression]) -> String {
        var text = screen
        for mask in masks {
            let matches = mask.matches(in: text, range: NSRange(text.startIndex..., in: text))
            for match in matches.reversed() {
                guard let range = Range(match.range, in: text) else { continue }
                let hidden = String(text[range].map { $0 == "\n" ? "\n" : "#" })
                text.replaceSubrange(range, with: hidden)
            }
        }
        return CardNumberGuard.redact(text) + "\n"
    }

    public func record(_ text: String, name: String) throws -> Outcome {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let path = (directory as NSString).appendingPathComponent(name + ".txt")
        if let data = FileManager.default.contents(atPath: path), let golden = String(data: data, encoding: .utf8) {
            if golden == text { return .matched(path: path) }
            if !update { return .mismatched(path: path, diff: Self.diff(expected: golden, actual: text)) }
            try text.write(toFile: path, atomically: true, encoding: .utf8)
            return .updated(path: path)
        }
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return .created(path: path)
    }

    /// A line-by-line diff: `-` the golden line, `+` the screen's, for rows that differ.
    static func diff(expected: String, actual: String) -> String {
        let old = expected.components(separatedBy: "\n"), new = actual.components(separatedBy: "\n")
        var lines: [String] = []
        for row in 0..<max(old.count, new.count) {
            let before = row < old.count ? old[row] : nil
            let after = row < new.count ? new[row] : nil
            guard before != after else { continue }
            lines.append("row \(row + 1):")
            if let before { lines.append("  - \(before)") }
            if let after { lines.append("  + \(after)") }
        }
        return lines.joined(separator: "\n")
    }
}
