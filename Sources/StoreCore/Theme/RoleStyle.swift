/// How one semantic role looks: colours and attributes.
public struct RoleStyle: Hashable, Sendable, CustomStringConvertible {
    public var foreground: ThemeColor
    public var background: ThemeColor
    public var attributes: TextAttributes

    public init(foreground: ThemeColor = .terminalDefault, background: ThemeColor = .terminalDefault,
                attributes: TextAttributes = []) {
        self.foreground = foreground; self.background = background; self.attributes = attributes
    }

    public static let plain = RoleStyle()

    /// The style as a theme-file value, e.g. "black on cyan bold".
    public var description: String {
        var words: [String] = [foreground.description]
        if background != .terminalDefault { words += ["on", background.description] }
        if !attributes.isEmpty { words.append(attributes.description) }
        return words.joined(separator: " ")
    }
}
