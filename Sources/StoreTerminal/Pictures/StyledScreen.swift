import StoreCore

/// A screen as it leaves the app for a file: each row's text as written
/// elsewhere (redacted and masked by the caller, trailing blanks trimmed) and
/// each cell's role as one letter, so pictures can be drawn from it and
/// golden snapshots can compare how text is drawn, not only what it says.
/// Wide characters take two cells: their role letter is written twice.
public struct StyledScreen: Codable, Equatable, Sendable {
    public var columns: Int
    public var rows: Int
    public var text: [String]
    /// One letter per cell (`RoleCodes`), trailing `normal` cells trimmed.
    public var roles: [String]

    public init(columns: Int, rows: Int, text: [String], roles: [String]) {
        self.columns = columns; self.rows = rows; self.text = text; self.roles = roles
    }

    /// `text` is the grid's text as it may be written (one row per line); the roles come from the grid.
    public init(grid: Grid, text: String) {
        self.init(columns: grid.size.columns, rows: grid.size.rows,
                  text: text.components(separatedBy: "\n"), roles: Self.roleRows(of: grid))
    }

    public static func roleRows(of grid: Grid) -> [String] {
        (0..<grid.size.rows).map { row in
            var codes = String((0..<grid.size.columns).map { RoleCodes.code(for: grid[$0, row].role) })
            while codes.last == RoleCodes.code(for: .normal) { codes.removeLast() }
            return codes
        }
    }

    /// One cell of a row: its character (nil for a blank or a wide character's
    /// second half), its role, and whether it starts a wide character.
    public struct Cell: Equatable {
        public var character: Character?
        public var role: Role
        public var wide: Bool
    }

    /// The row's cells, `columns` of them.
    public func cells(row: Int) -> [Cell] {
        let codes = row < roles.count ? Array(roles[row]) : []
        func role(_ column: Int) -> Role { column < codes.count ? RoleCodes.role(for: codes[column]) : .normal }
        var cells = (0..<columns).map { Cell(character: nil, role: role($0), wide: false) }
        var column = 0
        for character in row < text.count ? text[row] : "" {
            let width = max(1, DisplayWidth.of(character))
            guard column + width <= columns else { break }
            if character != " " {
                cells[column].character = character
                cells[column].wide = width == 2
            }
            column += width
        }
        return cells
    }
}

/// The letter each role is written as in a styled golden snapshot's role map.
public enum RoleCodes {
    public static func code(for role: Role) -> Character {
        switch role {
        case .normal: return "."
        case .title: return "T"
        case .heading: return "H"
        case .muted: return "m"
        case .border: return "b"
        case .selection: return "S"
        case .price: return "$"
        case .error: return "E"
        case .notice: return "N"
        case .success: return "+"
        case .warning: return "W"
        case .accent: return "A"
        case .tab: return "t"
        case .tabActive: return "a"
        case .statusBar: return "s"
        case .footer: return "f"
        case .footerKey: return "k"
        case .input: return "i"
        case .inputFocus: return "I"
        }
    }

    private static let byCode: [Character: Role] = Dictionary(uniqueKeysWithValues: Role.allCases.map { (code(for: $0), $0) })

    public static func role(for code: Character) -> Role { byCode[code] ?? .normal }

    /// `. normal  $ price  b border`: the codes a role map uses, for a reader.
    public static func legend(for rows: [String]) -> String {
        let used = Set(rows.flatMap { $0 })
        return Role.allCases.filter { used.contains(code(for: $0)) }
            .map { "\(code(for: $0)) \(themeName(of: $0))" }.joined(separator: "  ")
    }

    /// The role's name as theme files write it: `tab-active`.
    public static func themeName(of role: Role) -> String {
        role.rawValue.reduce(into: "") { name, character in
            if character.isUppercase { name += "-" + character.lowercased() } else { name.append(character) }
        }
    }
}
