import Foundation
import StoreCore

/// `$XDG_CONFIG_HOME/storefront/config` (else `~/.config/storefront/config`),
/// optional. Lines are `theme = NAME` or `bind ACTION = KEY [KEY…]` (read by
/// the key map's own parser); `#` starts a comment. Anything else is an error
/// naming the file and line.
struct UserConfig {
    var path: String
    var theme: String?
    var keymap = Keymap.standard

    struct Invalid: Error, CustomStringConvertible {
        var path: String
        var line: Int
        var message: String
        var description: String { "\(path):\(line): \(message)" }
    }

    static func defaultPath(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        let base = environment["XDG_CONFIG_HOME"].flatMap { $0.isEmpty ? nil : $0 }
            ?? ((environment["HOME"] ?? NSHomeDirectory()) as NSString).appendingPathComponent(".config")
        return (base as NSString).appendingPathComponent("storefront/config")
    }

    /// The config file, or the defaults when there is none.
    static func load(path: String = defaultPath()) throws -> UserConfig {
        var config = UserConfig(path: path)
        guard let data = FileManager.default.contents(atPath: path) else { return config }
        guard let text = String(data: data, encoding: .utf8) else {
            throw Invalid(path: path, line: 0, message: "not UTF-8 text")
        }
        for (index, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = (rawLine.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first ?? "")
                .trimmingCharacters(in: .whitespaces)
            if line.isEmpty || line.hasPrefix("bind ") || line.hasPrefix("bind\t") { continue }
            let parts = line.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard parts.count == 2, parts[0] == "theme", !parts[1].isEmpty else {
                throw Invalid(path: path, line: index + 1,
                              message: "expected 'theme = NAME' or 'bind ACTION = KEY', found '\(line)'")
            }
            config.theme = parts[1]
        }
        try config.keymap.apply(text, file: path, ignoringOtherLines: true)
        return config
    }
}
