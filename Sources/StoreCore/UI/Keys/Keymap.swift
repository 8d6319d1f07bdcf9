import Foundation

/// The key table in use: the defaults with any rebinding from the config file.
/// Lookup goes screen actions first, then global ones, as in tig.
public struct Keymap: Hashable, Sendable {
    public private(set) var specs: [ActionSpec]

    public init(specs: [ActionSpec] = ActionTable.defaults) { self.specs = specs }

    public static let standard = Keymap()

    /// The action a key triggers on a screen, if any.
    public func action(for key: Key, on screen: ScreenID) -> Action? {
        if let spec = specs.first(where: { $0.scope != .global && $0.scope.includes(screen) && $0.keys.contains(key) }) {
            return spec.action
        }
        return specs.first(where: { $0.scope == .global && $0.keys.contains(key) })?.action
    }

    public func spec(for action: Action) -> ActionSpec? { specs.first { $0.action == action } }

    public func keys(for action: Action) -> [Key] { spec(for: action)?.keys ?? [] }

    /// The first key of an action as a label, e.g. "Enter" or "^N"; "" when unbound.
    public func label(for action: Action) -> String {
        keys(for: action).first.map(KeyName.label) ?? ""
    }

    /// What the help overlay lists for a screen: its own actions, then the global ones.
    public func helpEntries(for screen: ScreenID) -> [ActionSpec] {
        let own = specs.filter { $0.scope != .global && $0.scope.includes(screen) }
        let global = specs.filter { $0.scope == .global }
        return (own + global).filter { !$0.keys.isEmpty }
    }

    /// The footer's items for a screen: (keys, words), neighbours with the same
    /// words merged, e.g. "←→ category", "n/p page".
    /// `isAvailable` leaves out actions that would do nothing now.
    /// While `typing`, a printable key types itself, so an action is offered
    /// only by a key that is not one (F1 for help) or not at all.
    public func footerEntries(for screen: ScreenID, typing: Bool = false, isAvailable: (Action) -> Bool = { _ in true })
        -> [(keys: String, label: String)] {
        var entries: [(keys: [String], label: String)] = []
        for spec in specs where spec.footer.contains(screen) && isAvailable(spec.action) {
            let usable = typing ? spec.keys.filter { if case .character = $0 { return false }; return true } : spec.keys
            guard let key = usable.first else { continue }
            if let last = entries.last, last.label == spec.label {
                entries[entries.count - 1].keys.append(KeyName.label(key))
            } else {
                entries.append(([KeyName.label(key)], spec.label))
            }
        }
        return entries.map { entry in
            let symbols = entry.keys.allSatisfy { $0.count == 1 && !($0.first?.isLetter ?? false) }
            return (entry.keys.joined(separator: symbols ? "" : "/"), entry.label)
        }
    }

    /// Replaces the keys of an action.
    public mutating func bind(_ action: Action, to keys: [Key]) {
        if let index = specs.firstIndex(where: { $0.action == action }) { specs[index].keys = keys }
    }

    /// Applies `bind ACTION = KEY [KEY…]` lines. '#' starts a comment. Lines that
    /// are not bindings are an error unless `ignoringOtherLines` (a config file
    /// that also holds other settings).
    public mutating func apply(_ text: String, file: String? = nil, ignoringOtherLines: Bool = false) throws {
        for (index, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = rawLine.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first
                .map(String.init)?.trimmingCharacters(in: .whitespaces) ?? ""
            if line.isEmpty { continue }
            let fail = { (message: String) in KeymapError(file: file, line: index + 1, message: message) }
            let words = line.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
            guard words.first == "bind" else {
                if ignoringOtherLines { continue }
                throw fail("expected 'bind ACTION = KEY', found '\(line)'")
            }
            try applyBinding(Array(words.dropFirst()), fail: fail)
        }
    }

    private mutating func applyBinding(_ words: [String], fail: (String) -> KeymapError) throws {
        guard words.count >= 3, words[1] == "=" else {
            throw fail("expected 'bind ACTION = KEY [KEY…]'")
        }
        guard let action = Action(rawValue: words[0]) else {
            let known = Action.allCases.map(\.rawValue).joined(separator: ", ")
            throw fail("unknown action '\(words[0])' (actions: \(known))")
        }
        var keys: [Key] = []
        for name in words.dropFirst(2) {
            guard let key = KeyName.parse(name) else {
                throw fail("unknown key '\(name)' (e.g. a, Enter, Esc, Tab, Up, PageDown, F1, Ctrl-A, Space)")
            }
            keys.append(key)
        }
        bind(action, to: keys)
    }
}

extension Keymap {
    /// The default table with the bindings of a config file applied.
    public static func parse(_ text: String, file: String? = nil, ignoringOtherLines: Bool = false) throws -> Keymap {
        var keymap = Keymap()
        try keymap.apply(text, file: file, ignoringOtherLines: ignoringOtherLines)
        return keymap
    }
}
