import CNcursesw
import CursesShim
import StoreCore

/// One colour pair and attribute set per role, made from a theme.
struct CursesStyles {
    struct Style { var attributes: attr_t; var pair: Int16 }
    /// By `Role.index`.
    private var styles: [Style] = []
    /// By `Role.index`: a space in the role's style, as `setcchar` makes it, for
    /// drawing a character of one column by putting it in place of the space.
    private var blanks: [cchar_t] = []

    /// Initialises colour pairs 1…n (one per role) when `colors` is true.
    init(theme: Theme, colors: Bool, defaultColorsAllowed: Bool) {
        for (index, role) in Role.allCases.enumerated() {
            let style = theme[role]
            var pair: Int16 = 0
            if colors {
                pair = Int16(index + 1)
                init_pair(pair, Self.index(style.foreground, fallback: COLOR_WHITE, allowDefault: defaultColorsAllowed),
                          Self.index(style.background, fallback: COLOR_BLACK, allowDefault: defaultColorsAllowed))
            }
            let made = Style(attributes: Self.attributes(style.attributes), pair: pair)
            styles.append(made)
            var blank = cchar_t()
            var space: [wchar_t] = [0x20, 0]
            _ = setcchar(&blank, &space, made.attributes, made.pair, nil)
            blanks.append(blank)
        }
    }

    subscript(role: Role) -> Style { styles[role.index] }

    /// `scalar` in the role's style, as `setcchar` would make it; for a
    /// character of one column, which is one scalar alone.
    @inline(__always)
    func drawable(_ scalar: Unicode.Scalar, _ role: Role) -> cchar_t {
        var drawable = blanks[role.index]
        drawable.chars.0 = wchar_t(bitPattern: scalar.value)
        return drawable
    }

    private static func index(_ color: ThemeColor, fallback: Int32, allowDefault: Bool) -> Int16 {
        let index = color.paletteIndex
        if index < 0 && !allowDefault { return Int16(fallback) }
        return Int16(index)
    }

    private static func attributes(_ attributes: TextAttributes) -> attr_t {
        var value = sf_attr_normal()
        if attributes.contains(.bold) { value |= sf_attr_bold() }
        if attributes.contains(.dim) { value |= sf_attr_dim() }
        if attributes.contains(.underline) { value |= sf_attr_underline() }
        if attributes.contains(.reverse) { value |= sf_attr_reverse() }
        if attributes.contains(.italic) { value |= sf_attr_italic() }
        return attr_t(value)
    }
}
