import StoreCore

/// A screen as an SVG picture: a monospace grid of cells in the theme's colours
/// and attributes, each word placed at its first cell (a wide character spans
/// two), box-drawing included. Differing cells of a golden comparison
/// can be marked with a red outline. Self-contained: no fonts or files to fetch.
public enum ScreenSVG {
    static let cellWidth = 9, cellHeight = 18, fontSize = 15
    /// What the terminal's own colours are taken to be: a dark terminal.
    static let defaultForeground = "#d0d0d0", defaultBackground = "#1c1c1c"
    static let markColor = "#ff3b3b"

    public struct Position: Hashable, Sendable {
        public var column: Int, row: Int
        public init(column: Int, row: Int) { self.column = column; self.row = row }
    }

    public static func render(_ screen: StyledScreen, theme: Theme, marked: Set<Position> = [], title: String? = nil) -> String {
        let width = screen.columns * cellWidth, height = screen.rows * cellHeight
        var out = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(width)\" height=\"\(height)\" "
            + "viewBox=\"0 0 \(width) \(height)\" role=\"img\" font-family=\"'DejaVu Sans Mono', Menlo, Consolas, 'Noto Sans Mono CJK SC', monospace\" "
            + "font-size=\"\(fontSize)\">\n"
        if let title { out += "<title>\(XMLText.escape(title))</title>\n" }
        out += "<style>\(css(theme))</style>\n"
        out += "<rect width=\"\(width)\" height=\"\(height)\" fill=\"\(defaultBackground)\"/>\n"
        for row in 0..<screen.rows {
            out += draw(row: row, cells: screen.cells(row: row), theme: theme)
        }
        for position in marked.sorted(by: { ($0.row, $0.column) < ($1.row, $1.column) }) {
            out += "<rect class=\"diff\" x=\"\(position.column * cellWidth)\" y=\"\(position.row * cellHeight)\" "
                + "width=\"\(cellWidth)\" height=\"\(cellHeight)\"/>\n"
        }
        return out + "</svg>\n"
    }

    /// Runs of cells in one role: a background rectangle when the role has one,
    /// then its characters with an x position each.
    private static func draw(row: Int, cells: [StyledScreen.Cell], theme: Theme) -> String {
        var out = ""
        let y = row * cellHeight
        var start = 0
        while start < cells.count {
            let role = cells[start].role
            var end = start
            while end < cells.count && cells[end].role == role { end += 1 }
            if let fill = colors(theme[role]).background {
                out += "<rect x=\"\(start * cellWidth)\" y=\"\(y)\" width=\"\((end - start) * cellWidth)\" "
                    + "height=\"\(cellHeight)\" fill=\"\(fill)\"/>\n"
            }
            out += words(cells, start..<end, y: y, role: role)
            start = end
        }
        return out
    }

    /// The characters of a run, a `<text>` per word placed at its first cell, and
    /// one per wide character: renderers differ in how they honour a list of
    /// positions, but all place a text at its x, and a monospace font's narrow
    /// characters are a cell wide, so nothing drifts further than a word.
    private static func words(_ cells: [StyledScreen.Cell], _ columns: Range<Int>, y: Int, role: Role) -> String {
        var out = ""
        var column = columns.lowerBound
        while column < columns.upperBound {
            guard cells[column].character != nil else { column += 1; continue }
            let first = column
            var word = ""
            repeat {
                word += String(cells[column].character ?? " ")
                column += 1
            } while column < columns.upperBound && cells[column].character != nil && !cells[column].wide && !cells[first].wide
            out += "<text class=\"\(className(role))\" x=\"\(first * cellWidth)\" y=\"\(y + cellHeight * 3 / 4)\">"
                + "\(XMLText.escape(word))</text>\n"
        }
        return out
    }

    /// The colours a style puts on screen, reverse applied: the background is nil when it is the terminal's.
    static func colors(_ style: RoleStyle) -> (foreground: String, background: String?) {
        let foreground = style.foreground.hexRGB, background = style.background.hexRGB
        if style.attributes.contains(.reverse) {
            return (background ?? defaultBackground, foreground ?? defaultForeground)
        }
        return (foreground ?? defaultForeground, background)
    }

    private static func className(_ role: Role) -> String { "r-" + RoleCodes.themeName(of: role) }

    private static func css(_ theme: Theme) -> String {
        var rules = ["text{white-space:pre}", ".diff{fill:none;stroke:\(markColor);stroke-width:2}"]
        for role in Role.allCases {
            let style = theme[role]
            var declarations = ["fill:\(colors(style).foreground)"]
            if style.attributes.contains(.bold) { declarations.append("font-weight:bold") }
            if style.attributes.contains(.italic) { declarations.append("font-style:italic") }
            if style.attributes.contains(.underline) { declarations.append("text-decoration:underline") }
            if style.attributes.contains(.dim) { declarations.append("opacity:0.6") }
            rules.append(".\(className(role)){\(declarations.joined(separator: ";"))}")
        }
        return rules.joined(separator: "")
    }
}

/// Escaping for XML and HTML text and attribute values.
public enum XMLText {
    /// Escapes markup characters and drops the characters XML 1.0 forbids.
    public static func escape(_ text: String) -> String {
        var result = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&apos;"
            case "\n", "\t", "\r": result.unicodeScalars.append(scalar)
            default:
                if scalar.value < 0x20 || (0xFFFE...0xFFFF).contains(scalar.value) { continue }
                result.unicodeScalars.append(scalar)
            }
        }
        return result
    }
}
