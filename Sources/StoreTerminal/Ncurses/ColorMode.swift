import StoreCore

/// How much colour the terminal gets.
public enum ColorMode: String, Hashable, Sendable {
    /// Theme colours as written (256-colour palette).
    case full
    /// The theme's colours mapped to the basic eight.
    case eight
    /// Attributes only: `NO_COLOR` is set or the terminal has no colour.
    case none

    /// The theme to draw with in this mode.
    public func adapt(_ theme: Theme) -> Theme {
        switch self {
        case .full: return theme
        case .eight: return theme.degradedTo8Colors()
        case .none: return theme.withoutColors()
        }
    }

    /// `NO_COLOR` counts when present and not empty (no-color.org).
    public static func choose(environment: [String: String], hasColors: Bool, colors: Int) -> ColorMode {
        if let noColor = environment["NO_COLOR"], !noColor.isEmpty { return .none }
        if !hasColors || colors < 8 { return .none }
        return colors >= 256 ? .full : .eight
    }
}
