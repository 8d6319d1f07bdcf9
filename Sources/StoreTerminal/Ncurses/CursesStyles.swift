import CNcursesw
import CursesShim
import StoreCore

/// One colour pair and attribute set per role, made from a theme.
struct CursesStyles {
    struct Style { var attributes: attr_t; var pair: Int16 }
    private var styles: [Role: Style] = [:]

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
            styles[role] = Style(attributes: Self.attributes(style.attributes), pair: pair)
        }
    }

    subscript(role: Role) -> Style { styles[role] ?? Style(attributes: attr_t(sf_attr_normal()), pair: 0) }

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
