import Foundation
import StoreCore

/// An expectation that did not hold: where, what, how long it waited, and the screen.
public struct ScriptFailure: Error, CustomStringConvertible {
    public var location: SourceLocation
    public var line: String
    public var message: String
    public var waited: TimeInterval?
    public var screen: String
    public var size: Size

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

public enum ScriptOutcome {
    case passed
    case failed(ScriptFailure)

    public var exitStatus: Int32 {
        if case .failed = self { return 1 }
        return 0
    }
}
