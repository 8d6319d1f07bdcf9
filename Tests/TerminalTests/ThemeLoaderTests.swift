import Foundation
import StoreCore
import StoreTerminal
import Testing

@Suite struct ThemeLoaderTests {
    @Test func findsBundledThemesByName() throws {
        let loader = ThemeLoader(searchDirectories: [RepositoryPaths.themes.path])
        #expect(loader.availableThemes() == ["default", "high-contrast", "light", "mono"])
        let light = try loader.load("light")
        #expect(light.name == "light")
        #expect(light != Theme.standard)
        #expect(try loader.load("default") == Theme.standard)
    }

    @Test func defaultWorksWithNoThemeFolders() throws {
        let loader = ThemeLoader(searchDirectories: ["/nonexistent/themes"])
        #expect(try loader.load("default") == Theme.standard)
    }

    @Test func earlierFoldersWin() throws {
        let first = try RepositoryPaths.temporaryDirectory("themes")
        defer { try? FileManager.default.removeItem(at: first) }
        try "price = red\n".write(to: first.appendingPathComponent("light.theme"), atomically: true, encoding: .utf8)
        let loader = ThemeLoader(searchDirectories: [first.path, RepositoryPaths.themes.path])
        #expect(try loader.load("light")[.price].foreground == .basic(.red))
    }

    @Test func missingThemeSaysWhereItLooked() {
        let loader = ThemeLoader(searchDirectories: ["/a/themes", RepositoryPaths.themes.path])
        #expect {
            try loader.load("solarized")
        } throws: { error in
            let text = "\(error)"
            return text.contains("solarized.theme") && text.contains("/a/themes") && text.contains(RepositoryPaths.themes.path)
                && text.contains("high-contrast")
        }
    }

    @Test func malformedFileNamesItsPathAndLine() throws {
        let folder = try RepositoryPaths.temporaryDirectory("themes")
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("bad.theme").path
        try "# mine\nprice = green\nselection = purple\n".write(toFile: path, atomically: true, encoding: .utf8)
        for request in ["bad", path] {
            #expect {
                try ThemeLoader(searchDirectories: [folder.path]).load(request)
            } throws: { error in
                (error as? ThemeError).map { $0.file == path && $0.line == 3 && $0.message.contains("purple") } ?? false
            }
        }
    }

    @Test func standardPlaces() {
        let places = ThemeLoader.standardDirectories(
            currentDirectory: "/home/ana/shop", executable: "/opt/storefront/bin/storefront",
            environment: ["XDG_CONFIG_HOME": "/home/me/.cfg", "HOME": "/home/me"])
        #expect(places == ["/home/ana/shop/themes", "/opt/storefront/bin/themes", "/opt/storefront/themes", "/opt/themes",
                           "/themes", "/home/me/.cfg/storefront/themes"])
        let noXDG = ThemeLoader.standardDirectories(currentDirectory: "/w", executable: nil, environment: ["HOME": "/home/me"])
        #expect(noXDG == ["/w/themes", "/home/me/.config/storefront/themes"])
    }
}
