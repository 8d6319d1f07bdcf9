import Foundation
import StoreCore
import StoreTerminal

/// Where `snapshot NAME` writes screens, and the golden files they are
/// compared with: a snapshot that exists is compared, one that does not is
/// created, and `update` rewrites them all. Goldens are text; `snapshot NAME
/// --with-style` adds each cell's role to it (`styled(_:roles:)`). With the svg
/// format each snapshot is also drawn as `NAME.svg` beside its golden.
public struct SnapshotStore {
    public enum Outcome: Equatable {
        case created(path: String)
        case matched(path: String)
        case updated(path: String)
        /// `expected`: the golden file's text.
        case mismatched(path: String, diff: String, expected: String)
    }

    public var directory: String
    public var update: Bool
    public var format: PictureFormat

    public init(directory: String, update: Bool = false, format: PictureFormat = .txt) {
        self.directory = directory
        self.update = update
        self.format = format
    }

    /// The line that starts a styled golden's role map.
    static let rolesHeading = "── roles ──"

    /// A golden that compares roles too: the text, then a role map (one letter
    /// per cell, the legend in its heading), readable and diffable by line.
    public static func styled(_ text: String, roles: [String]) -> String {
        text + "\(rolesHeading) \(RoleCodes.legend(for: roles))\n" + roles.joined(separator: "\n") + "\n"
    }

    /// A golden file's text as a screen to draw: its role map when it has one.
    public static func screen(ofGolden golden: String, columns: Int, rows: Int) -> StyledScreen {
        var lines = golden.components(separatedBy: "\n")
        if lines.last == "" { lines.removeLast() }
        var roles: [String] = []
        if let heading = lines.firstIndex(where: { $0.hasPrefix(rolesHeading) }) {
            roles = Array(lines[(heading + 1)...])
            lines = Array(lines[..<heading])
        }
        let width = max(columns, lines.map { DisplayWidth.of($0) }.max() ?? 0, roles.map(\.count).max() ?? 0)
        return StyledScreen(columns: width, rows: max(rows, lines.count, roles.count), text: lines, roles: roles)
    }

    /// Draws the screen as `NAME.svg` beside the golden, when pictures are asked for.
    public func drawPicture(_ screen: StyledScreen, name: String) throws {
        guard format == .svg else { return }
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let path = (directory as NSString).appendingPathComponent(name + ".svg")
        try ScreenSVG.render(screen, theme: .standard, title: name).write(toFile: path, atomically: true, encoding: .utf8)
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
            if !update { return .mismatched(path: path, diff: Self.diff(expected: golden, actual: text), expected: golden) }
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

/// How screens are written besides text: `--snapshot-format svg|txt`.
public enum PictureFormat: String, CaseIterable, Sendable {
    case txt, svg
}
