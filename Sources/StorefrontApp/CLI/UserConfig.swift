import Foundation

/// `$XDG_CONFIG_HOME/storefront/config` (else `~/.config/storefront/config`):
/// `theme = NAME` and `bind ACTION = KEY…` lines; `#` starts a comment. The
/// file is optional.
struct UserConfig {
    var path: String
    var theme: String?
    /// The whole text, for the key map's own parser (it reads the `bind` lines).
    var text = ""

    static func defaultPath(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        let base = environment["XDG_CONFIG_HOME"].flatMap { $0.isEmpty ? nil : $0 }
            ?? ((environment["HOME"] ?? NSHomeDirectory()) as NSString).appendingPathComponent(".config")
        return (base as NSString).appendingPathComponent("storefront/config")
    }

    /// The config file, or an empty one when there is none.
    static func load(path: String = defaultPath()) -> UserConfig {
        var config = UserConfig(path: path)
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
            return config
        }
        config.text = text
        for rawLine in text.split(separator: "\n") {
            let line = rawLine.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
            let parts = line.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            if parts.count == 2, parts[0] == "theme", !parts[1].isEmpty { config.theme = parts[1] }
        }
        return config
    }
}
