/// Reads the plain-text theme format:
///
///     # comment
///     role = FOREGROUND [on BACKGROUND] [ATTRIBUTE...]
///     selection = black on cyan bold
///     price     = green bold
///     muted     = 245
///     heading   = bold            # attributes alone keep the terminal's colours
///
/// Colours: default, black red green yellow blue magenta cyan white, bright-<colour>,
/// or a palette index 0–255. Attributes: bold dim underline reverse italic; `plain`
/// stands for none. Role names are as in `Role` (tab-active, tab_active and tabActive
/// are the same role). Each role at most once; unknown words are errors.
public enum ThemeParser {
    public static func parse(_ text: String, name: String, file: String) throws -> Theme {
        var theme = Theme(name: name, styles: [:])
        var definedOn: [Role: Int] = [:]
        for (index, rawLine) in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).enumerated() {
            let lineNumber = index + 1
            let fail = { (message: String) in ThemeError(file: file, line: lineNumber, message: message) }
            let content = rawLine.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
            let line = content.themeTrimmed
            if line.isEmpty { continue }
            guard let equals = line.firstIndex(of: "=") else {
                throw fail("expected 'role = colours and attributes', found '\(line)'")
            }
            let roleName = line[..<equals].themeTrimmed
            guard let role = role(named: roleName) else {
                throw fail(roleName.isEmpty ? "missing role name before '='"
                           : "unknown role '\(roleName)' (roles: \(roleList))")
            }
            if let first = definedOn[role] {
                throw fail("role '\(roleName)' is already set on line \(first)")
            }
            definedOn[role] = lineNumber
            theme[role] = try style(from: line[line.index(after: equals)...], fail: fail)
        }
        return theme
    }

    private static func style(from value: Substring, fail: (String) -> ThemeError) throws -> RoleStyle {
        let words = value.split(whereSeparator: { $0 == " " || $0 == "\t" }).map { String($0) }
        guard !words.isEmpty else { throw fail("no style after '=' (use 'plain' for none)") }
        var style = RoleStyle()
        var foreground: ThemeColor?
        var background: ThemeColor?
        var index = 0
        while index < words.count {
            let word = words[index]
            let lower = word.lowercased()
            if lower == "on" {
                guard background == nil else { throw fail("background given twice") }
                guard index + 1 < words.count else { throw fail("'on' must be followed by a background colour") }
                guard let color = ThemeColor(name: words[index + 1]) else {
                    throw fail("unknown background colour '\(words[index + 1])' (\(colorHelp))")
                }
                background = color
                index += 2
                continue
            }
            if lower == "plain" {
                // Stands for "no attributes"; nothing to add.
            } else if let attribute = TextAttributes.named.first(where: { $0.name == lower }) {
                style.attributes.insert(attribute.attribute)
            } else if let color = ThemeColor(name: word) {
                guard foreground == nil else {
                    throw fail("two foreground colours ('\(foreground!)' and '\(word)'); write 'FOREGROUND on BACKGROUND'")
                }
                foreground = color
            } else {
                throw fail("unknown word '\(word)': not a colour (\(colorHelp)) or an attribute (\(attributeHelp))")
            }
            index += 1
        }
        style.foreground = foreground ?? .terminalDefault
        style.background = background ?? .terminalDefault
        return style
    }

    /// The role a theme file names: `tab-active`, `tab_active` and `tabActive` alike.
    public static func role(named name: Substring) -> Role? {
        let key = normalised(name)
        return Role.allCases.first { normalised(Substring($0.rawValue)) == key }
    }

    private static func normalised(_ name: Substring) -> String {
        name.lowercased().filter { $0 != "-" && $0 != "_" }
    }

    private static var roleList: String { Role.allCases.map(\.rawValue).joined(separator: ", ") }
    private static let colorHelp = "default, black, red, green, yellow, blue, magenta, cyan, white, bright-<colour> or 0-255"
    private static var attributeHelp: String { TextAttributes.named.map(\.name).joined(separator: ", ") }
}

extension StringProtocol {
    var themeTrimmed: Substring {
        let text = Substring(self)
        guard let start = text.firstIndex(where: { !$0.isWhitespace }) else { return "" }
        let end = text.lastIndex(where: { !$0.isWhitespace })!
        return text[start...end]
    }
}
