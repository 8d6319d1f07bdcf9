/// RGB values of the xterm 256-colour palette, used to find the nearest of
/// the basic colours when a terminal has only eight.
enum XtermPalette {
    struct RGB: Hashable { var red: Int; var green: Int; var blue: Int }

    /// xterm's defaults for colours 0–15.
    private static let system: [RGB] = [
        RGB(red: 0, green: 0, blue: 0), RGB(red: 205, green: 0, blue: 0),
        RGB(red: 0, green: 205, blue: 0), RGB(red: 205, green: 205, blue: 0),
        RGB(red: 0, green: 0, blue: 238), RGB(red: 205, green: 0, blue: 205),
        RGB(red: 0, green: 205, blue: 205), RGB(red: 229, green: 229, blue: 229),
        RGB(red: 127, green: 127, blue: 127), RGB(red: 255, green: 0, blue: 0),
        RGB(red: 0, green: 255, blue: 0), RGB(red: 255, green: 255, blue: 0),
        RGB(red: 92, green: 92, blue: 255), RGB(red: 255, green: 0, blue: 255),
        RGB(red: 0, green: 255, blue: 255), RGB(red: 255, green: 255, blue: 255),
    ]
    private static let cubeLevels = [0, 95, 135, 175, 215, 255]

    static func rgb(_ index: Int) -> RGB {
        switch index {
        case 0..<16:
            return system[index]
        case 16..<232:
            let cube = index - 16
            return RGB(red: cubeLevels[cube / 36], green: cubeLevels[(cube / 6) % 6], blue: cubeLevels[cube % 6])
        default:
            let level = 8 + 10 * (index - 232)
            return RGB(red: level, green: level, blue: level)
        }
    }

    /// The closest of colours 0–15 by hue, not by RGB distance: a pale sky blue
    /// should stay cyan and a soft green green on an eight-colour terminal, where
    /// the nearest point in RGB space would make them all white. Greys map by
    /// lightness; light colours map to the bright half (drawn bold).
    static func nearestSystemColor(to index: Int) -> Int {
        guard index >= 16 else { return index }
        let color = rgb(index)
        let high = max(color.red, color.green, color.blue)
        let low = min(color.red, color.green, color.blue)
        if high - low < 40 {
            switch high {
            case ..<60: return 0
            case ..<160: return 8
            case ..<215: return 7
            default: return 15
            }
        }
        let basic = hueIndex(color, high: high, low: low)
        return high >= 230 ? basic + 8 : basic
    }

    /// Red 1, yellow 3, green 2, cyan 6, blue 4, magenta 5: the basic colour at the nearest hue.
    private static func hueIndex(_ color: RGB, high: Int, low: Int) -> Int {
        let span = Double(high - low)
        let red = Double(color.red), green = Double(color.green), blue = Double(color.blue)
        var hue: Double
        if high == color.red {
            hue = 60 * (green - blue) / span
        } else if high == color.green {
            hue = 60 * (blue - red) / span + 120
        } else {
            hue = 60 * (red - green) / span + 240
        }
        if hue < 0 { hue += 360 }
        let byHue = [1, 3, 2, 6, 4, 5]
        return byHue[Int((hue / 60).rounded()) % 6]
    }
}

extension ThemeColor {
    /// The colour as CSS/SVG write it (`#87d7ff`), as xterm shows it; nil for the terminal's own colour.
    public var hexRGB: String? {
        let index = paletteIndex
        guard index >= 0 else { return nil }
        let color = XtermPalette.rgb(index)
        return "#" + [color.red, color.green, color.blue].map { value in
            let hex = String(value, radix: 16)
            return hex.count == 1 ? "0" + hex : hex
        }.joined()
    }
}
