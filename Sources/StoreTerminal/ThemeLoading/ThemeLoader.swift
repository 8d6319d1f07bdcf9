import Foundation
import StoreCore

/// Finds themes by name (`--theme NAME`): NAME.theme in ./themes, in a themes/
/// folder next to the executable or in any folder above it, and in
/// $XDG_CONFIG_HOME/storefront/themes (~/.config when unset). The first file
/// found wins. `default` always works: it is compiled in.
public struct ThemeLoader: Sendable {
    public var searchDirectories: [String]

    public init(searchDirectories: [String]) {
        self.searchDirectories = searchDirectories
    }

    /// The standard places, for this process.
    public init(environment: [String: String] = ProcessInfo.processInfo.environment) {
        self.init(searchDirectories: Self.standardDirectories(
            currentDirectory: FileManager.default.currentDirectoryPath,
            executable: Bundle.main.executableURL?.resolvingSymlinksInPath().path,
            environment: environment))
    }

    public static func standardDirectories(currentDirectory: String, executable: String?,
                                           environment: [String: String]) -> [String] {
        var directories = [URL(fileURLWithPath: currentDirectory).appendingPathComponent("themes").path]
        if let executable {
            var folder = URL(fileURLWithPath: executable).deletingLastPathComponent()
            while true {
                directories.append(folder.appendingPathComponent("themes").path)
                let parent = folder.deletingLastPathComponent()
                if parent.path == folder.path || folder.path == "/" { break }
                folder = parent
            }
        }
        let configHome = environment["XDG_CONFIG_HOME"].flatMap { $0.isEmpty ? nil : $0 }
            ?? environment["HOME"].map { $0 + "/.config" }
        if let configHome { directories.append(configHome + "/storefront/themes") }
        var seen = Set<String>()
        return directories.filter { seen.insert($0).inserted }
    }

    /// The theme called `name`, or the file at `name` when it is a path (contains "/").
    /// Throws `ThemeError`: a malformed file names its line; a missing theme lists where it looked.
    public func load(_ name: String) throws -> Theme {
        if name.contains("/") { return try Self.load(file: name) }
        if let path = path(of: name) { return try Self.load(file: path) }
        if name == "default" { return Theme.standard }
        let available = availableThemes()
        throw ThemeError(file: name + ".theme", line: 0, message:
            "no such theme; looked in " + searchDirectories.joined(separator: ", ")
            + ". Available: " + available.joined(separator: ", "))
    }

    /// Reads and parses one theme file; the theme is named after the file.
    public static func load(file path: String) throws -> Theme {
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw ThemeError(file: path, line: 0, message: "cannot be read (missing, unreadable or not UTF-8)")
        }
        let name = URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent
        return try ThemeParser.parse(text, name: name, file: path)
    }

    /// Where NAME.theme would be read from, if anywhere.
    public func path(of name: String) -> String? {
        searchDirectories.lazy.map { $0 + "/" + name + ".theme" }.first { FileManager.default.isReadableFile(atPath: $0) }
    }

    /// Names of every theme that can be loaded, `default` included, sorted.
    public func availableThemes() -> [String] {
        var names: Set<String> = ["default"]
        for directory in searchDirectories {
            let files = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
            for file in files where file.hasSuffix(".theme") { names.insert(String(file.dropLast(".theme".count))) }
        }
        return names.sorted()
    }
}
