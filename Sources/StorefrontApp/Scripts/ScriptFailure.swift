import Foundation
import StoreCore
import StoreTerminal

/// An expectation that did not hold: where, what, how long it waited, and the screen.
public struct ScriptFailure: Error, CustomStringConvertible {
    public var location: SourceLocation
    public var line: String
    public var message: String
    public var waited: TimeInterval?
    public var screen: String
    public var size: Size
    /// Each cell's role (`StyledScreen.roles`), to draw the screen as a picture.
    public var roles: [String]?
    /// For a golden snapshot that differs: the golden and the screen as they were compared.
    public var snapshot: SnapshotMismatch?

    public init(location: SourceLocation, line: String, message: String, waited: TimeInterval? = nil,
                screen: String, size: Size, roles: [String]? = nil, snapshot: SnapshotMismatch? = nil) {
        self.location = location; self.line = line; self.message = message; self.waited = waited
        self.screen = screen; self.size = size; self.roles = roles; self.snapshot = snapshot
    }

    /// The screen with its roles, as pictures draw it.
    public var styledScreen: StyledScreen {
        StyledScreen(columns: size.columns, rows: size.rows, text: screen.components(separatedBy: "\n"), roles: roles ?? [])
    }

    /// The one-line reason, e.g. `wait "Featured": not on screen after 5.0 s`.
    public var reason: String {
        var text = "\(line): \(message)"
        if let waited { text += " (waited \(Durations.describe(waited)))" }
        return text
    }

    public var description: String {
        "\(location): \(reason)\n" + Self.framed(screen, size: size)
    }

    /// The screen inside a frame so blank lines and edges are visible.
    public static func framed(_ screen: String, size: Size) -> String {
        let rows = screen.components(separatedBy: "\n")
        let edge = "+" + String(repeating: "-", count: size.columns) + "+"
        var lines = ["screen (\(size)):", edge]
        for row in rows {
            lines.append("|" + DisplayWidth.pad(row, to: size.columns) + "|")
        }
        lines.append(edge)
        return lines.joined(separator: "\n")
    }
}

/// A golden file's text and the screen's, both as written in golden files.
public struct SnapshotMismatch: Codable, Equatable, Sendable {
    public var path: String
    public var expected: String
    public var actual: String
}

public enum ScriptOutcome {
    case passed
    case failed(ScriptFailure)

    public var exitStatus: Int32 {
        if case .failed = self { return 1 }
        return 0
    }
}
