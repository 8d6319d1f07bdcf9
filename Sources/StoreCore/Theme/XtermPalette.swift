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

    /// The nearest of colours 0–15 (squared RGB distance).
    static func nearestSystemColor(to index: Int) -> Int {
        let target = rgb(index)
        return (0..<16).min { distance(rgb($0), target) < distance(rgb($1), target) }!
    }

    private static func distance(_ a: RGB, _ b: RGB) -> Int {
        let red = a.red - b.red, green = a.green - b.green, blue = a.blue - b.blue
        return red * red + green * green + blue * blue
    }
}
