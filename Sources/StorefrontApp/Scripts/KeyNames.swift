import StoreCore

/// The key names scripts use, e.g. `Enter`, `PageDown`, `F5`, `Ctrl-C`, `q`.
public enum KeyNames {
    private static let named: [String: Key] = [
        "enter": .enter, "return": .enter,
        "esc": .escape, "escape": .escape,
        "tab": .tab, "backtab": .backTab, "shift-tab": .backTab,
        "up": .up, "down": .down, "left": .left, "right": .right,
        "pageup": .pageUp, "pgup": .pageUp, "pagedown": .pageDown, "pgdn": .pageDown,
        "home": .home, "end": .end,
        "backspace": .backspace, "delete": .delete, "del": .delete,
        "space": .character(" "),
    ]

    /// The key a name stands for, or nil when it names none.
    public static func key(named name: String) -> Key? {
        if name.count == 1, let character = name.first { return .character(character) }
        let lower = name.lowercased()
        if let key = named[lower] { return key }
        if lower.hasPrefix("f"), let number = Int(lower.dropFirst()), (1...12).contains(number) {
            return .function(number)
        }
        if lower.hasPrefix("ctrl-") || lower.hasPrefix("c-") {
            let letter = lower.hasPrefix("ctrl-") ? lower.dropFirst(5) : lower.dropFirst(2)
            if letter.count == 1, let character = letter.first, character.isASCII, character.isLetter {
                return .control(character)
            }
        }
        return nil
    }

    /// The name a script would use for a key (for recordings).
    public static func name(of key: Key) -> String {
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
        case .control(let character): return "Ctrl-\(character.uppercased())"
        }
    }
}
