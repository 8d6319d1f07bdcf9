/// Versions of a theme for terminals that cannot show all of it.
extension Theme {
    /// The theme on an eight-colour terminal: every colour becomes the nearest basic
    /// colour; a bright foreground becomes bold, as such terminals show it, except
    /// grey text on the terminal's background, which becomes dim white.
    public func degradedTo8Colors() -> Theme {
        var result = Theme(name: name, styles: [:])
        for role in Role.allCases {
            var style = self[role]
            var (foreground, wasBright) = Self.basic(style.foreground)
            let (background, _) = Self.basic(style.background)
            if foreground == .basic(.black) && wasBright && background == .terminalDefault {
                // Grey text: bold black is invisible on many dark terminals; dim white reads as grey.
                foreground = .basic(.white)
                style.attributes.insert(.dim)
            } else if wasBright && foreground != .terminalDefault {
                style.attributes.insert(.bold)
            }
            style.foreground = foreground
            style.background = background
            // Two colours that were apart may land on the same basic colour: keep the text readable.
            if foreground == background, case .basic(let color) = background {
                style.foreground = .basic([.black, .blue, .red, .magenta].contains(color) ? .white : .black)
            }
            result[role] = style
        }
        return result
    }

    /// The theme with every colour dropped and its attributes kept, for `NO_COLOR`
    /// and terminals without colour. A role that stood out only by its background
    /// (a selection bar, a status line) is shown reversed so it still stands out.
    public func withoutColors() -> Theme {
        var result = Theme(name: name, styles: [:])
        for role in Role.allCases {
            let style = self[role]
            var attributes = style.attributes
            if style.background != .terminalDefault && style.background != self[.normal].background {
                attributes.insert(.reverse)
            }
            result[role] = RoleStyle(attributes: attributes)
        }
        return result
    }

    private static func basic(_ color: ThemeColor) -> (ThemeColor, wasBright: Bool) {
        switch color {
        case .terminalDefault, .basic: return (color, false)
        case .bright(let basic): return (.basic(basic), true)
        case .indexed(let index):
            let nearest = XtermPalette.nearestSystemColor(to: index)
            return (.basic(BasicColor(rawValue: nearest % 8)!), nearest >= 8)
        }
    }
}
