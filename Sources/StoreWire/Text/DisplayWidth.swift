/// Terminal column width of characters: 2 for East Asian wide and fullwidth
/// forms and emoji, 0 for combining marks and controls, 1 otherwise. Computed
/// here rather than with wcwidth(3) so the virtual screen agrees with ncurses
/// whatever the process locale is.
public enum DisplayWidth {
    public static func of(_ character: Character) -> Int {
        // ("\r\n" is the one two-scalar ASCII character; its asciiValue, a line feed, takes no cell either.)
        if let ascii = character.asciiValue { return of(ascii: ascii) }
        guard let first = character.unicodeScalars.first else { return 0 }
        let width = of(scalar: first)
        // Emoji presentation selector makes the cluster wide.
        if width == 1 && character.unicodeScalars.contains(where: { $0.value == 0xFE0F }) { return 2 }
        return width
    }

    /// The width of a character that is this one scalar alone (a cell holds most characters so).
    public static func of(scalar: Unicode.Scalar) -> Int {
        let value = scalar.value
        if value < 0x80 { return of(ascii: UInt8(value)) }
        if value < 0xA0 { return 0 }
        if isZeroWidth(value) { return 0 }
        if isWide(value) { return 2 }
        return 1
    }

    public static func of(_ text: String) -> Int {
        // Most text on screen is ASCII: counted byte by byte, without splitting grapheme clusters.
        if isASCII(text) { return text.utf8.reduce(0) { $0 + of(ascii: $1) } }
        return text.reduce(0) { $0 + of($1) }
    }

    /// The width of an ASCII character given as its byte: controls take no cell, everything else one.
    @inlinable
    public static func of(ascii byte: UInt8) -> Int {
        byte >= 0x20 && byte != 0x7F ? 1 : 0
    }

    /// Whether every character of `text` is ASCII, so its widths can be read byte by byte.
    @inlinable
    public static func isASCII(_ text: String) -> Bool {
        text.utf8.allSatisfy { $0 < 0x80 }
    }

    /// The longest prefix of `text` that fits in `columns`, with "…" when cut.
    public static func truncate(_ text: String, to columns: Int) -> String {
        guard columns > 0 else { return "" }
        if of(text) <= columns { return text }
        var result = ""
        var used = 0
        for character in text {
            let width = of(character)
            if used + width > columns - 1 { break }
            result.append(character)
            used += width
        }
        return result + "…"
    }

    /// `text` padded with spaces (or truncated) to exactly `columns`.
    public static func pad(_ text: String, to columns: Int) -> String {
        let cut = truncate(text, to: columns)
        return cut + String(repeating: " ", count: max(0, columns - of(cut)))
    }

    private static func isZeroWidth(_ v: UInt32) -> Bool {
        (0x0300...0x036F).contains(v) || (0x200B...0x200F).contains(v) || (0xFE00...0xFE0F).contains(v)
            || (0x20D0...0x20FF).contains(v)
    }

    private static func isWide(_ v: UInt32) -> Bool {
        switch v {
        case 0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF,
             0x4E00...0x9FFF, 0xA000...0xA4CF, 0xAC00...0xD7A3, 0xF900...0xFAFF,
             0xFE30...0xFE4F, 0xFF00...0xFF60, 0xFFE0...0xFFE6,
             0x1F300...0x1F64F, 0x1F900...0x1F9FF, 0x20000...0x2FFFD, 0x30000...0x3FFFD:
            return true
        default:
            return false
        }
    }
}
