/// Names of keys: the words used in config files and keystroke scripts
/// ("PageDown", "Ctrl-N", "a"), written back by `name`, and the short labels drawn on screen ("PgDn", "^N").
public enum KeyName {
    private static let named: [(String, Key)] = [
        ("Enter", .enter), ("Return", .enter), ("Esc", .escape), ("Escape", .escape), ("Tab", .tab), ("BackTab", .backTab),
        ("Shift-Tab", .backTab), ("Up", .up), ("Down", .down), ("Left", .left), ("Right", .right),
        ("PageUp", .pageUp), ("PgUp", .pageUp), ("PageDown", .pageDown), ("PgDn", .pageDown),
        ("Home", .home), ("End", .end), ("Backspace", .backspace), ("Delete", .delete), ("Del", .delete),
        ("Space", .character(" ")),
    ]

    /// The key a name stands for, or nil when the name means nothing.
    public static func parse(_ name: String) -> Key? {
        if name.count == 1, let character = name.first { return .character(character) }
        let lower = name.lowercased()
        if let match = named.first(where: { $0.0.lowercased() == lower }) { return match.1 }
        if lower.hasPrefix("f"), let number = Int(lower.dropFirst()), (1...12).contains(number) {
            return .function(number)
        }
        // "Ctrl-x" or the shorter "C-x".
        for prefix in ["ctrl-", "c-"] where lower.hasPrefix(prefix) {
            let rest = lower.dropFirst(prefix.count)
            if rest.count == 1, let letter = rest.first, ("a"..."z").contains(letter) { return .control(letter) }
        }
        return nil
    }

    /// The word a script or config file would use for a key; `parse` reads it back.
    public static func name(_ key: Key) -> String {
        switch key {
        case .character(" "): return "Space"
        case .character(let character): return String(character)
        case .enter: return "Enter"
        case .escape: return "Esc"
        case .tab: return "Tab"
        case .backTab: return "BackTab"
        case .up: return "Up"
        case .down: return "Down"
        case .left: return "Left"
        case .right: return "Right"
        case .pageUp: return "PageUp"
        case .pageDown: return "PageDown"
        case .home: return "Home"
        case .end: return "End"
        case .backspace: return "Backspace"
        case .delete: return "Delete"
        case .function(let number): return "F\(number)"
        case .control(let letter): return "Ctrl-" + String(letter).uppercased()
        }
    }

    /// A short label for the help overlay and the footer: the key's name, shortened where it is long.
    public static func label(_ key: Key) -> String {
        switch key {
        case .backTab: return "S-Tab"
        case .up: return "↑"
        case .down: return "↓"
        case .left: return "←"
        case .right: return "→"
        case .pageUp: return "PgUp"
        case .pageDown: return "PgDn"
        case .backspace: return "Bksp"
        case .delete: return "Del"
        case .control(let letter): return "^" + String(letter).uppercased()
        default: return name(key)
        }
    }
}
