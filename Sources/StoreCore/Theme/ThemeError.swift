/// A theme file that cannot be used, with where and why.
public struct ThemeError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The file (or "built-in default") the text came from.
    public var file: String
    /// 1-based line number; 0 when the problem is not on one line (e.g. the file cannot be read).
    public var line: Int
    public var message: String

    public init(file: String, line: Int, message: String) {
        self.file = file; self.line = line; self.message = message
    }

    public var description: String {
        line > 0 ? "\(file):\(line): \(message)" : "\(file): \(message)"
    }
}
