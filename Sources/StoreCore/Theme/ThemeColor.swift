/// The eight colours every colour terminal has, in terminal order (0–7).
public enum BasicColor: Int, CaseIterable, Hashable, Sendable {
    case black, red, green, yellow, blue, magenta, cyan, white

    /// Spelled out rather than `String(describing:)`, which reads the name from the
    /// type's metadata at run time: a theme parse asks for every name many times.
    public var name: String {
        switch self {
        case .black: return "black"
        case .red: return "red"
        case .green: return "green"
        case .yellow: return "yellow"
        case .blue: return "blue"
        case .magenta: return "magenta"
        case .cyan: return "cyan"
        case .white: return "white"
        }
    }
}

/// A colour a theme can ask for.
public enum ThemeColor: Hashable, Sendable, CustomStringConvertible {
    /// The terminal's own foreground or background.
    case terminalDefault
    case basic(BasicColor)
    /// Colours 8–15: the bright variants of the basic eight.
    case bright(BasicColor)
    /// An index into the 256-colour palette (16–255; 0–15 are stored as basic/bright).
    case indexed(Int)

    /// Parses "default", "red", "bright-red" or "0"…"255".
    public init?(name: String) {
        let lower = name.lowercased()
        if lower == "default" { self = .terminalDefault; return }
        if let basic = BasicColor.allCases.first(where: { $0.name == lower }) { self = .basic(basic); return }
        if lower.hasPrefix("bright-"),
           let basic = BasicColor.allCases.first(where: { $0.name == lower.dropFirst("bright-".count) }) {
            self = .bright(basic); return
        }
        if lower.allSatisfy(\.isASCIIDigit), !lower.isEmpty, lower.count <= 3, let index = Int(lower), index <= 255 {
            self = ThemeColor(index: index); return
        }
        return nil
    }

    /// The colour with this 256-colour palette index.
    public init(index: Int) {
        switch index {
        case 0..<8: self = .basic(BasicColor(rawValue: index)!)
        case 8..<16: self = .bright(BasicColor(rawValue: index - 8)!)
        default: self = .indexed(index)
        }
    }

    /// The palette index curses takes (-1 for the terminal default).
    public var paletteIndex: Int {
        switch self {
        case .terminalDefault: return -1
        case .basic(let color): return color.rawValue
        case .bright(let color): return color.rawValue + 8
        case .indexed(let index): return index
        }
    }

    public var description: String {
        switch self {
        case .terminalDefault: return "default"
        case .basic(let color): return color.name
        case .bright(let color): return "bright-" + color.name
        case .indexed(let index): return String(index)
        }
    }
}
