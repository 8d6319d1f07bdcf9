import StoreCore
import Testing

@Suite struct ThemeFallbackTests {
    private func isBasic(_ color: ThemeColor) -> Bool {
        if case .indexed = color { return false }
        if case .bright = color { return false }
        return true
    }

    @Test func eightColourThemesUseOnlyBasicColours() throws {
        let themes = [Theme.standard, try ThemeParser.parse("normal = bright-white on 17\nselection = 231 on 196 italic", name: "x", file: "x")]
        for theme in themes {
            let degraded = theme.degradedTo8Colors()
            for role in Role.allCases {
                let style = degraded[role]
                #expect(isBasic(style.foreground) && isBasic(style.background), "\(role): \(style)")
                #expect(style.attributes.isSuperset(of: theme[role].attributes))
                if style.foreground != .terminalDefault { #expect(style.foreground != style.background, "\(role) unreadable") }
            }
        }
    }

    @Test(arguments: [(196, BasicColor.red), (46, .green), (21, .blue), (226, .yellow), (51, .cyan), (201, .magenta),
                      (16, .black), (231, .white), (232, .black), (255, .white), (9, .red), (4, .blue),
                      // pale and soft colours keep their hue instead of turning white or grey
                      (117, .cyan), (114, .green), (214, .yellow), (176, .magenta), (203, .red), (24, .cyan)])
    func nearestBasicColour(index: Int, expected: BasicColor) throws {
        let theme = try ThemeParser.parse("price = \(index)", name: "x", file: "x").degradedTo8Colors()
        #expect(theme[.price].foreground == .basic(expected))
    }

    @Test func brightForegroundsBecomeBold() throws {
        let theme = try ThemeParser.parse("price = bright-green\nerror = red", name: "x", file: "x").degradedTo8Colors()
        #expect(theme[.price] == RoleStyle(foreground: .basic(.green), attributes: .bold))
        #expect(theme[.error] == RoleStyle(foreground: .basic(.red)))
    }

    @Test func greyTextBecomesDimWhite() throws {
        let theme = try ThemeParser.parse("muted = 245\nborder = bright-black\ntab = 245 on white", name: "x", file: "x").degradedTo8Colors()
        #expect(theme[.muted] == RoleStyle(foreground: .basic(.white), attributes: .dim))
        #expect(theme[.border] == RoleStyle(foreground: .basic(.white), attributes: .dim))
        #expect(theme[.tab] == RoleStyle(foreground: .basic(.black), background: .basic(.white), attributes: .bold))
    }

    @Test func withoutColoursKeepsAttributesAndMarksBackgrounds() {
        let plain = Theme.standard.withoutColors()
        for role in Role.allCases {
            let style = plain[role]
            #expect(style.foreground == .terminalDefault && style.background == .terminalDefault)
            #expect(style.attributes.isSuperset(of: Theme.standard[role].attributes))
        }
        // The selection bar stood out by its background; now it is reversed.
        #expect(plain[.selection].attributes.contains(.reverse))
        #expect(plain[.selection] != plain[.normal])
    }
}
