/// A line of a key-binding file that could not be understood.
public struct KeymapError: Error, Hashable, Sendable, CustomStringConvertible {
    public var file: String?
    public var line: Int
    public var message: String
    public init(file: String? = nil, line: Int, message: String) {
        self.file = file; self.line = line; self.message = message
    }
    /// "keys.conf:3: unknown action 'ad'".
    public var description: String {
        "\(file.map { $0 + ":" } ?? "line ")\(line): \(message)"
    }
}
