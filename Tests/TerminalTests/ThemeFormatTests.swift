import Foundation
import StoreCore
import Testing

@Suite struct ThemeFormatTests {
    @Test func bundledDefaultEqualsTheCompiledInOne() throws {
        let file = try String(contentsOf: RepositoryPaths.themes.appendingPathComponent("default.theme"), encoding: .utf8)
        #expect(file == Theme.defaultSource)
    }

    @Test(arguments: ["default", "light", "mono", "high-contrast"])
    func bundledThemesParseAndSetEveryRole(name: String) throws {
        let url = RepositoryPaths.themes.appendingPathComponent(name + ".theme")
        let theme = try ThemeParser.parse(String(contentsOf: url, encoding: .utf8), name: name, file: url.path)
        #expect(Set(theme.styles.keys) == Set(Role.allCases))
        // The selection must stand out from normal text in every theme.
        #expect(theme[.selection] != theme[.normal])
    }

    @Test func monoThemeUsesNoColours() throws {
        let url = RepositoryPaths.themes.appendingPathComponent("mono.theme")
        let theme = try ThemeParser.parse(String(contentsOf: url, encoding: .utf8), name: "mono", file: url.path)
        for role in Role.allCases {
            #expect(theme[role].foreground == .terminalDefault && theme[role].background == .terminalDefault)
        }
    }

    @Test func readsColoursBackgroundsAndAttributes() throws {
        let text = """
            # a comment
            selection = black on cyan bold   # trailing comment
            price=green
            muted = 245
            tab-active = bright-white on 24 underline italic
            title = bold dim reverse

            footer_key = default on bright-black
            """
        let theme = try ThemeParser.parse(text, name: "t", file: "t.theme")
        #expect(theme[.selection] == RoleStyle(foreground: .basic(.black), background: .basic(.cyan), attributes: .bold))
        #expect(theme[.price] == RoleStyle(foreground: .basic(.green)))
        #expect(theme[.muted] == RoleStyle(foreground: .indexed(245)))
        #expect(theme[.tabActive] == RoleStyle(foreground: .bright(.white), background: .indexed(24), attributes: [.underline, .italic]))
        #expect(theme[.title] == RoleStyle(attributes: [.bold, .dim, .reverse]))
        #expect(theme[.footerKey] == RoleStyle(background: .bright(.black)))
        // Roles left out look like normal.
        #expect(theme[.error] == theme[.normal])
    }

    @Test func styleDescriptionsReadBack() throws {
        for role in Role.allCases {
            let style = Theme.standard[role]
            let again = try ThemeParser.parse("\(role.rawValue) = \(style)", name: "t", file: "t")
            #expect(again[role] == style)
        }
    }

    @Test(arguments: [
        ("normal = default\nprise = green", 2, "unknown role 'prise'"),
        ("title bold", 1, "expected 'role = colours and attributes'"),
        ("\n\nprice = gren", 3, "unknown word 'gren'"),
        ("price = 256", 1, "unknown word '256'"),
        ("price = green\nprice = red", 2, "already set on line 1"),
        ("selection = black on", 1, "'on' must be followed"),
        ("selection = black on teal", 1, "unknown background colour 'teal'"),
        ("selection = red green", 1, "two foreground colours"),
        ("selection = red on blue on green", 1, "background given twice"),
        ("notice =", 1, "no style after '='"),
        (" = bold", 1, "missing role name"),
    ] as [(String, Int, String)])
    func malformedLinesAreReportedWithFileAndLine(text: String, line: Int, message: String) {
        #expect {
            try ThemeParser.parse(text, name: "broken", file: "themes/broken.theme")
        } throws: { error in
            guard let error = error as? ThemeError else { return false }
            return error.file == "themes/broken.theme" && error.line == line && error.message.contains(message)
                && error.description.hasPrefix("themes/broken.theme:\(line): ")
        }
    }

    @Test func colourNames() {
        #expect(ThemeColor(name: "default") == .terminalDefault)
        #expect(ThemeColor(name: "Magenta") == .basic(.magenta))
        #expect(ThemeColor(name: "bright-red") == .bright(.red))
        #expect(ThemeColor(name: "3") == .basic(.yellow))
        #expect(ThemeColor(name: "12") == .bright(.blue))
        #expect(ThemeColor(name: "255") == .indexed(255))
        #expect(ThemeColor(name: "-1") == nil)
        #expect(ThemeColor(name: "bright-") == nil)
        #expect(ThemeColor(name: "0x10") == nil)
        #expect([ThemeColor.terminalDefault, .basic(.red), .bright(.red), .indexed(100)].map(\.paletteIndex) == [-1, 1, 9, 100])
    }
}
