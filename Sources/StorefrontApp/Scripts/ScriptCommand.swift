import Foundation
import StoreCore

/// What a script looks for on screen: literal text or a regular expression,
/// anywhere or inside the box with a given title (`"Visa" in "Card details"`).
public indirect enum TextPattern: CustomStringConvertible, @unchecked Sendable {
    case text(String)
    case regex(NSRegularExpression, source: String)
    case inBox(TextPattern, title: String)

    /// Whether the pattern is on this screen (inside its box, when it names one).
    public func matches(_ grid: Grid) -> Bool {
        ScreenSearch.find(self, in: grid).isFound
    }

    /// Whether the pattern is in this text, read as a screen: one row per line, boxes from its frame characters.
    public func matches(_ screen: String) -> Bool {
        let rows = screen.components(separatedBy: "\n")
        var grid = Grid(size: Size(columns: max(1, rows.map { DisplayWidth.of($0) }.max() ?? 1), rows: rows.count))
        for (row, line) in rows.enumerated() { grid.write(line, column: 0, row: row) }
        return matches(grid)
    }

    /// As written in a script: `"text"`, `/regex/`, `/regex/ in "Title"`.
    public var description: String {
        switch self {
        case .text(let text): return "\"\(text)\""
        case .regex(_, let source): return "/\(source)/"
        case .inBox(let pattern, let title): return "\(pattern) in \"\(title)\""
        }
    }
}

/// How `expect-style` wants a text drawn: in a theme role, or with an attribute.
public enum DrawnStyle: Equatable, CustomStringConvertible, Sendable {
    case role(Role)
    case attribute(String, TextAttributes)

    public var description: String {
        switch self {
        case .role(let role): return role.rawValue
        case .attribute(let name, _): return name
        }
    }
}

/// One command of a keystroke script, after parsing.
public enum ScriptCommand: @unchecked Sendable {
    case size(Size)
    case wait(TextPattern, timeout: TimeInterval?)
    /// Waits until the pattern is gone from the screen (a progress word, an overlay).
    case waitGone(TextPattern, timeout: TimeInterval?)
    case press([Key])
    case type(String)
    case expect(TextPattern)
    case expectNot(TextPattern)
    /// The first match of the pattern is drawn in this role or with this attribute.
    case expectStyle(TextPattern, DrawnStyle)
    case resize(Size)
    /// Compares the screen with a golden file; `withStyle` compares each cell's role as well.
    case snapshot(String, withStyle: Bool = false)
    case sleep(TimeInterval)
    /// Hides what the pattern matches in later snapshots (order numbers, dates).
    case mask(NSRegularExpression)
    /// Changes the default `wait` timeout from here on.
    case setTimeout(TimeInterval)
    /// Changes the delay between keys from here on (used when playing on a terminal).
    case setPace(TimeInterval)
    /// Names the commands that follow, up to the next `step`, as one step of a
    /// load report (`step "sign in"`); nil (a bare `step`) ends the group.
    case step(String?)
}

/// Where a command came from, for messages (`FILE:LINE`).
public struct SourceLocation: Hashable, Sendable, CustomStringConvertible {
    public var file: String
    public var line: Int
    public var description: String { "\(file):\(line)" }
}

public struct ScriptStep: @unchecked Sendable {
    public var command: ScriptCommand
    public var location: SourceLocation
    /// The line as written, comments and surrounding blanks removed.
    public var text: String
}

/// A parsed script: its steps in order, includes spliced in.
public struct Script: @unchecked Sendable {
    public var file: String
    public var steps: [ScriptStep]
    /// The store this script must run against (`set api URL`), e.g. an address
    /// where nothing listens, for the "store unreachable" flow.
    public var apiURL: String?

    public init(file: String, steps: [ScriptStep], apiURL: String? = nil) {
        self.file = file; self.steps = steps; self.apiURL = apiURL
    }
}

/// A script that cannot be run as written. Exit status 2.
public struct ScriptError: Error, CustomStringConvertible, Equatable {
    public var location: SourceLocation
    public var message: String
    public var description: String { "\(location): \(message)" }
}
