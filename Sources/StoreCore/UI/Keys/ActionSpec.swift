/// Where an action applies: everywhere, or only on some screens.
public enum ActionScope: Hashable, Sendable {
    case global
    case screens([ScreenID])

    public func includes(_ screen: ScreenID) -> Bool {
        switch self {
        case .global: return true
        case .screens(let screens): return screens.contains(screen)
        }
    }
}

/// One row of the key table: an action, its default keys, its words for the
/// help overlay and the footer, and the screens it belongs to.
public struct ActionSpec: Hashable, Sendable {
    public var action: Action
    public var keys: [Key]
    /// A word or two for the footer.
    public var label: String
    /// A sentence for the help overlay.
    public var help: String
    public var scope: ActionScope
    /// Screens whose footer shows this action (the main keys of the screen).
    public var footer: [ScreenID]

    public init(_ action: Action, _ keys: [Key], _ label: String, _ help: String,
                scope: ActionScope = .global, footer: [ScreenID] = []) {
        self.action = action; self.keys = keys; self.label = label; self.help = help
        self.scope = scope; self.footer = footer
    }
}
