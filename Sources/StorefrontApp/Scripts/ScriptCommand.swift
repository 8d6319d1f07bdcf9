import Foundation
import StoreCore

/// What a script looks for on screen: literal text or a regular expression.
public enum TextPattern: CustomStringConvertible, @unchecked Sendable {
    case text(String)
    case regex(NSRegularExpression, source: String)

    public func matches(_ screen: String) -> Bool {
        switch self {
        case .text(let text):
            return screen.contains(text)
        case .regex(let regex, _):
            let range = NSRange(screen.startIndex..., in: screen)
            return regex.firstMatch(in: screen, range: range) != nil
        }
    }

    /// As written in a script: `"text"` or `/regex/`.
    public var description: String {
        switch self {
        case .text(let text): return "\"\(text)\""
        case .regex(_, let source): return "/\(source)/"
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
    case resize(Size)
    case snapshot(String)
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
