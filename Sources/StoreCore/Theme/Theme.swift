/// A mapping from every semantic role to a style. Roles a theme file leaves out
/// look like `normal`.
public struct Theme: Hashable, Sendable {
    public var name: String
    public private(set) var styles: [Role: RoleStyle]

    public init(name: String, styles: [Role: RoleStyle]) {
        self.name = name
        self.styles = styles
    }

    public subscript(role: Role) -> RoleStyle {
        get { styles[role] ?? styles[.normal] ?? .plain }
        set { styles[role] = newValue }
    }

    /// Whether any role asks for a colour from the 256-colour range (16–255).
    public var uses256Colors: Bool {
        Role.allCases.contains { role in
            let style = self[role]
            return [style.foreground, style.background].contains { if case .indexed = $0 { return true }; return false }
        }
    }

    /// The theme compiled into the binary, so it works from any directory.
    public static let standard: Theme = {
        do {
            return try ThemeParser.parse(Theme.defaultSource, name: "default", file: "built-in default theme")
        } catch {
            preconditionFailure("the built-in theme does not parse: \(error)")
        }
    }()
}
