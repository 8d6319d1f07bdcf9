import Foundation

/// Reads `--name value` and `--name=value` flags one by one, for `storefront` and `storefront test` alike.
struct ArgumentReader {
    private var arguments: [String]
    private var index = 0
    private(set) var inlineValue: String?

    init(_ arguments: [String]) { self.arguments = arguments }

    /// The next argument; `--name=value` is split and the value kept for `value(for:)`.
    mutating func next() -> String? {
        guard index < arguments.count else { return nil }
        let argument = arguments[index]
        index += 1
        inlineValue = nil
        if argument.hasPrefix("--"), let equals = argument.firstIndex(of: "=") {
            inlineValue = String(argument[argument.index(after: equals)...])
            return String(argument[..<equals])
        }
        return argument
    }

    mutating func value(for flag: String) throws -> String {
        if let inlineValue { self.inlineValue = nil; return inlineValue }
        guard index < arguments.count else { throw UsageError(message: "\(flag) needs a value") }
        index += 1
        return arguments[index - 1]
    }

    /// The value of a flag that takes a time, e.g. `--clock 2026-01-01T10:00:00Z`.
    mutating func time(for flag: String) throws -> Date {
        let text = try value(for: flag)
        guard let date = AppClock.parse(text) else {
            throw UsageError(message: "\(flag): \"\(text)\" is not an ISO 8601 time such as 2026-01-01T10:00:00Z")
        }
        return date
    }

    /// `url` itself, or a usage error naming `flag` when it is not an http:// or https:// URL.
    static func httpURL(_ url: String, for flag: String) throws -> String {
        guard url.hasPrefix("http://") || url.hasPrefix("https://") else {
            throw UsageError(message: "\(flag): \"\(url)\" is not an http:// or https:// URL")
        }
        return url
    }
}
