import Foundation
import StoreCore

/// Turns the text of a keystroke script into steps, or a `ScriptError`
/// naming the file and line of the first thing wrong with it.
public struct ScriptParser {
    /// `${RUN_ID}`: 12 letters and digits made anew for each run of a script, so a
    /// script can sign up an account no earlier run made (on a deployment that keeps them).
    public static let runIDVariable = "RUN_ID"

    /// Variables set by `env`; `${NAME}` falls back to `${RUN_ID}`, then to the process environment.
    private var variables: [String: String] = [:]
    private let runID = String(UUID().uuidString.filter { $0 != "-" }.lowercased().prefix(12))
    private var including: [String] = []
    private var apiURL: String?
    /// Counted over the script and its includes, against `ScriptLimits`.
    private var linesRead = 0
    private var includesRead = 0
    private var masksRead = 0
    private let environment: [String: String]

    public init(environment: [String: String] = ProcessInfo.processInfo.environment) {
        self.environment = environment
    }

    /// Parses the script in `path`; `include` paths are relative to the including file.
    public static func parse(file path: String,
                             environment: [String: String] = ProcessInfo.processInfo.environment) throws -> Script {
        var parser = ScriptParser(environment: environment)
        let steps = try parser.steps(ofFile: path, includedFrom: nil)
        return Script(file: path, steps: steps, apiURL: parser.apiURL)
    }

    /// Parses script text; `file` is the name used in messages.
    public static func parse(_ text: String, file: String = "script",
                             environment: [String: String] = ProcessInfo.processInfo.environment) throws -> Script {
        var parser = ScriptParser(environment: environment)
        let steps = try parser.steps(ofText: text, file: file)
        return Script(file: file, steps: steps, apiURL: parser.apiURL)
    }

    private mutating func steps(ofFile path: String, includedFrom: SourceLocation?) throws -> [ScriptStep] {
        let fallback = includedFrom ?? SourceLocation(file: path, line: 0)
        // The same file by another spelling (./a.keys, a symbolic link) is the same file.
        let identity = URL(fileURLWithPath: path).standardizedFileURL.resolvingSymlinksInPath().path
        guard !including.contains(identity) else {
            throw ScriptError(location: fallback, message: "include cycle: \(path) includes itself")
        }
        guard including.count <= ScriptLimits.includeDepth else {
            throw ScriptError(location: fallback,
                              message: "includes nest more than \(ScriptLimits.includeDepth) deep")
        }
        let data = try Self.read(path, location: fallback)
        guard let text = String(data: data, encoding: .utf8) else {
            throw ScriptError(location: fallback, message: "\(path) is not UTF-8 text")
        }
        including.append(identity)
        defer { including.removeLast() }
        return try steps(ofText: text, file: path)
    }

    /// The file's bytes, when it is a regular file no larger than the limit
    /// (a device or a pipe could be read for ever).
    private static func read(_ path: String, location: SourceLocation) throws -> Data {
        var status = stat()
        guard stat(path, &status) == 0, status.st_mode & S_IFMT == S_IFREG,
              let handle = FileHandle(forReadingAtPath: path) else {
            throw ScriptError(location: location, message: "cannot read script \(path)")
        }
        defer { try? handle.close() }
        let data = (try? handle.read(upToCount: ScriptLimits.fileBytes + 1)) ?? Data()
        guard data.count <= ScriptLimits.fileBytes else {
            throw ScriptError(location: location,
                              message: "\(path) is larger than \(ScriptLimits.fileBytes) bytes")
        }
        return data
    }

    private mutating func steps(ofText text: String, file: String) throws -> [ScriptStep] {
        var steps: [ScriptStep] = []
        guard text.utf8.count <= ScriptLimits.fileBytes else {
            throw ScriptError(location: SourceLocation(file: file, line: 0),
                              message: "the script is larger than \(ScriptLimits.fileBytes) bytes")
        }
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        for (offset, rawLine) in lines.enumerated() {
            let location = SourceLocation(file: file, line: offset + 1)
            linesRead += 1
            guard linesRead <= ScriptLimits.lines else {
                throw ScriptError(location: location,
                                  message: "the script and its includes have more than \(ScriptLimits.lines) lines")
            }
            let line = Self.trimmed(rawLine)
            do {
                steps += try parseLine(line, location: location)
            } catch LineScanner.Failure.message(let message) {
                throw ScriptError(location: location, message: message)
            }
        }
        return steps
    }

    /// The line without the blanks around it: Unicode's white space, the set
    /// Foundation's `.whitespacesAndNewlines` names, trimmed without starting
    /// CoreFoundation's strings for it.
    static func trimmed(_ line: Substring) -> String {
        guard let first = line.firstIndex(where: { !$0.isWhitespace }),
              let last = line.lastIndex(where: { !$0.isWhitespace }) else { return "" }
        return String(line[first...last])
    }

    private mutating func parseLine(_ line: String, location: SourceLocation) throws -> [ScriptStep] {
        let lookup: (String) -> String? = { [variables, environment, runID] name in
            variables[name] ?? (name == Self.runIDVariable ? runID : environment[name])
        }
        var scanner = LineScanner(line, variables: lookup)
        guard let name = scanner.word() else { return [] }
        func fail(_ message: String) -> ScriptError { ScriptError(location: location, message: message) }
        func step(_ command: ScriptCommand) -> [ScriptStep] {
            [ScriptStep(command: command, location: location, text: line)]
        }

        let command: ScriptCommand
        switch name {
        case "size", "resize":
            guard let word = scanner.word() else { throw fail("\(name) needs COLUMNSxROWS, e.g. \(name) 100x30") }
            guard let size = Self.size(word) else {
                throw fail("bad size \"\(word)\": write COLUMNSxROWS, e.g. 100x30, with \(ScriptLimits.columns.lowerBound)–\(ScriptLimits.columns.upperBound) columns and \(ScriptLimits.rows.lowerBound)–\(ScriptLimits.rows.upperBound) rows")
            }
            command = name == "size" ? .size(size) : .resize(size)
        case "wait", "wait-gone":
            let unscoped = try pattern(&scanner, for: name, location: location)
            let target = try scoped(unscoped, &scanner)
            var timeout: TimeInterval?
            if let word = scanner.word() {
                timeout = try Self.duration(word, location: location)
            }
            command = name == "wait" ? .wait(target, timeout: timeout) : .waitGone(target, timeout: timeout)
        case "expect", "expect-not":
            let unscoped = try pattern(&scanner, for: name, location: location)
            let target = try scoped(unscoped, &scanner)
            command = name == "expect" ? .expect(target) : .expectNot(target)
        case "expect-style":
            let unscoped = try pattern(&scanner, for: name, location: location)
            guard let word = scanner.word(), let style = Self.drawnStyle(word) else {
                throw fail("expect-style needs a theme role (\(Role.allCases.map(\.rawValue).joined(separator: ", "))) or an attribute (\(TextAttributes.named.map(\.name).joined(separator: ", "))) after the pattern")
            }
            command = .expectStyle(try scoped(unscoped, &scanner), style)
        case "press":
            command = .press(try keys(&scanner, location: location))
        case "type":
            guard scanner.nextIsQuoteAfterBlanks() else { throw fail("type needs a quoted string, e.g. type \"hello\"") }
            command = .type(try scanner.quoted())
        case "snapshot":
            guard let word = try scanner.wordOrString() else { throw fail("snapshot needs a NAME") }
            guard Self.isSnapshotName(word) else {
                throw fail("bad snapshot name \"\(word)\": use up to \(ScriptLimits.snapshotNameLength) letters, digits, '-', '_' and '.', not starting with '.'")
            }
            var withStyle = false
            if scanner.peekWord() == "--with-style" { _ = scanner.word(); withStyle = true }
            command = .snapshot(word, withStyle: withStyle)
        case "sleep":
            guard let word = scanner.word() else { throw fail("sleep needs a duration, e.g. sleep 200ms") }
            command = .sleep(try Self.duration(word, location: location))
        case "mask":
            masksRead += 1
            guard masksRead <= ScriptLimits.masks else { throw fail("more than \(ScriptLimits.masks) mask lines") }
            let pattern = try pattern(&scanner, for: name, location: location)
            command = .mask(try Self.regex(for: pattern, location: location))
        case "env":
            guard let variable = scanner.word(), Self.isVariableName(variable) else {
                throw fail("env needs NAME VALUE, e.g. env EMAIL \"demo@example.com\"")
            }
            guard let value = try scanner.wordOrString() else { throw fail("env \(variable) needs a VALUE") }
            guard value.count <= ScriptLimits.variableLength else {
                throw fail("env \(variable) is longer than \(ScriptLimits.variableLength) characters")
            }
            guard variables[variable] != nil || variables.count < ScriptLimits.variables else {
                throw fail("more than \(ScriptLimits.variables) variables set by env")
            }
            variables[variable] = value
            try expectEnd(&scanner, location: location)
            return []
        case "set":
            if scanner.peekWord() == "api" {
                _ = scanner.word()
                guard let url = try scanner.wordOrString(), url.hasPrefix("http://") || url.hasPrefix("https://") else {
                    throw fail("set api needs an http:// or https:// URL")
                }
                try expectEnd(&scanner, location: location)
                apiURL = url
                return []
            }
            command = try setting(&scanner, location: location)
        case "step":
            let name = try scanner.wordOrString()
            if let name, name.isEmpty || name.count > ScriptLimits.stepNameLength {
                throw fail("a step name has 1–\(ScriptLimits.stepNameLength) characters")
            }
            command = .step(name)
        case "include":
            guard let path = try scanner.wordOrString() else { throw fail("include needs a FILE") }
            try expectEnd(&scanner, location: location)
            includesRead += 1
            guard includesRead <= ScriptLimits.includes else {
                throw fail("more than \(ScriptLimits.includes) include lines in the script and its includes")
            }
            let base = (location.file as NSString).deletingLastPathComponent
            let resolved = path.hasPrefix("/") || base.isEmpty ? path : (base as NSString).appendingPathComponent(path)
            guard FileManager.default.fileExists(atPath: resolved) else { throw fail("cannot include \(path): no such file") }
            return try steps(ofFile: resolved, includedFrom: location)
        default:
            throw fail("unknown command \"\(name)\" (commands: size wait wait-gone press type expect expect-not expect-style resize snapshot sleep mask env set include step)")
        }
        try expectEnd(&scanner, location: location)
        return step(command)
    }

    private func pattern(_ scanner: inout LineScanner, for name: String, location: SourceLocation) throws -> TextPattern {
        if scanner.nextIsSlashAfterBlanks() {
            let source = try scanner.regex()
            do {
                return .regex(try NSRegularExpression(pattern: source), source: source)
            } catch {
                throw ScriptError(location: location, message: "bad regular expression /\(source)/")
            }
        }
        guard scanner.nextIsQuoteAfterBlanks() else {
            throw ScriptError(location: location, message: "\(name) needs a quoted \"text\" or a /regex/")
        }
        return .text(try scanner.quoted())
    }

    /// `PATTERN in "Box title"`: the pattern, looked for inside that box only.
    private func scoped(_ pattern: TextPattern, _ scanner: inout LineScanner) throws -> TextPattern {
        guard scanner.peekWord() == "in" else { return pattern }
        _ = scanner.word()
        guard scanner.nextIsQuoteAfterBlanks() else {
            throw LineScanner.Failure.message("in needs a box's title in quotes, e.g. in \"Cart\"")
        }
        let title = try scanner.quoted()
        guard !title.isEmpty else { throw LineScanner.Failure.message("in needs a box's title, not \"\"") }
        return .inBox(pattern, title: title)
    }

    /// A theme role as theme files name it (`price`, `tab-active`), or an attribute (`bold`).
    static func drawnStyle(_ word: String) -> DrawnStyle? {
        if let role = ThemeParser.role(named: Substring(word)) { return .role(role) }
        return TextAttributes.named.first { $0.name == word.lowercased() }.map { .attribute($0.name, $0.attribute) }
    }

    private func keys(_ scanner: inout LineScanner, location: SourceLocation) throws -> [Key] {
        var keys: [Key] = []
        var lastKey: Key?
        while !scanner.atEnd() {
            let token = scanner.nextIsQuote ? try scanner.quoted() : scanner.word()!
            // A number after a key repeats it: `press Down 3`.
            if let last = lastKey, !token.isEmpty, token.allSatisfy(\.isASCIIDigit) {
                let count = try Self.repeatCount(token, location: location)
                try Self.checkRoom(for: count - 1, after: keys.count, location: location)
                keys += Array(repeating: last, count: count - 1)
                lastKey = nil
                continue
            }
            var name = token
            var count = 1
            if token.count > 2, let star = token.lastIndex(of: "*") {
                let digits = String(token[token.index(after: star)...])
                if !digits.isEmpty, digits.allSatisfy(\.isASCIIDigit) {
                    name = String(token[..<star]); count = try Self.repeatCount(digits, location: location)
                }
            }
            guard let key = KeyName.parse(name) else {
                throw ScriptError(location: location, message: "unknown key name \"\(name)\" (Enter Esc Tab BackTab Up Down Left Right PageUp PageDown Home End Backspace Delete Space F1..F12 Ctrl-A..Ctrl-Z, or one character)")
            }
            try Self.checkRoom(for: count, after: keys.count, location: location)
            keys += Array(repeating: key, count: count)
            lastKey = key
        }
        guard !keys.isEmpty else { throw ScriptError(location: location, message: "press needs at least one key") }
        return keys
    }

    /// `press Down 3`, `press Down*3`: within 1 and the limit.
    private static func repeatCount(_ digits: String, location: SourceLocation) throws -> Int {
        guard let count = Int(digits), (1...ScriptLimits.keyRepeat).contains(count) else {
            throw ScriptError(location: location,
                              message: "repeat count \(digits) is out of range (1–\(ScriptLimits.keyRepeat))")
        }
        return count
    }

    private static func checkRoom(for count: Int, after sent: Int, location: SourceLocation) throws {
        guard sent + count <= ScriptLimits.keysPerLine else {
            throw ScriptError(location: location, message: "press sends more than \(ScriptLimits.keysPerLine) keys")
        }
    }

    /// A duration as written, no longer than the limit.
    private static func duration(_ word: String, location: SourceLocation) throws -> TimeInterval {
        guard let duration = Durations.parse(word) else {
            throw ScriptError(location: location, message: badDuration(word))
        }
        guard duration <= ScriptLimits.longestDuration else {
            throw ScriptError(location: location, message: "duration \(word) is longer than \(Int(ScriptLimits.longestDuration / 60)) minutes")
        }
        return duration
    }

    private func setting(_ scanner: inout LineScanner, location: SourceLocation) throws -> ScriptCommand {
        guard let name = scanner.word(), let word = scanner.word() else {
            throw ScriptError(location: location, message: "set needs NAME VALUE: set timeout 10s, set pace 40ms, set api URL")
        }
        let duration = try Self.duration(word, location: location)
        switch name {
        case "timeout": return .setTimeout(duration)
        case "pace": return .setPace(duration)
        default: throw ScriptError(location: location, message: "unknown setting \"\(name)\" (timeout, pace, api)")
        }
    }

    private func expectEnd(_ scanner: inout LineScanner, location: SourceLocation) throws {
        if !scanner.atEnd(), let extra = scanner.word() {
            throw ScriptError(location: location, message: "unexpected \"\(extra)\" at the end of the line")
        }
    }

    static func size(_ word: String) -> Size? {
        let parts = word.lowercased().split(separator: "x")
        guard parts.count == 2, let columns = Int(parts[0]), let rows = Int(parts[1]),
              ScriptLimits.columns.contains(columns), ScriptLimits.rows.contains(rows) else { return nil }
        return Size(columns: columns, rows: rows)
    }

    private static func regex(for pattern: TextPattern, location: SourceLocation) throws -> NSRegularExpression {
        switch pattern {
        case .regex(let regex, _): return regex
        case .text(let text): return try NSRegularExpression(pattern: NSRegularExpression.escapedPattern(for: text))
        case .inBox(let inner, _): return try regex(for: inner, location: location)
        }
    }

    private static func badDuration(_ word: String) -> String {
        "bad duration \"\(word)\": write e.g. 200ms, 5s or 1.5s"
    }

    private static func isSnapshotName(_ word: String) -> Bool {
        !word.isEmpty && word.count <= ScriptLimits.snapshotNameLength && !word.hasPrefix(".")
            && word.allSatisfy { $0.isLetter || $0.isNumber || "-_.".contains($0) }
    }

    private static func isVariableName(_ word: String) -> Bool {
        guard let first = word.first, first.isLetter || first == "_" else { return false }
        return word.allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" }
    }
}

extension LineScanner {
    /// The next word, without moving past it.
    mutating func peekWord() -> String? {
        var copy = self
        return copy.word()
    }

    mutating func nextIsQuoteAfterBlanks() -> Bool { !atEnd() && nextIsQuote }
    mutating func nextIsSlashAfterBlanks() -> Bool { !atEnd() && nextIsSlash }
}
