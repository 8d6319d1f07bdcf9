/// Why the real terminal cannot be used.
public enum TerminalError: Error, Hashable, Sendable, CustomStringConvertible {
    /// stdin or stdout is not a terminal (a pipe, a file, a CI job).
    case notATerminal
    /// curses could not start, e.g. an unknown TERM.
    case cannotStart(String)

    public var description: String {
        switch self {
        case .notATerminal:
            return "storefront needs an interactive terminal: standard input and output must be a terminal "
                + "(to run without one, use --script FILE)"
        case .cannotStart(let reason):
            return "the terminal could not be set up: \(reason)"
        }
    }
}
