import Foundation

/// Reads the arguments of one script line: bare words, "quoted strings" with
/// backslash escapes and `${NAME}` (or `${NAME:-fallback}`) variables, and /regular expressions/.
/// A `#` outside quotes starts a comment.
struct LineScanner {
    enum Failure: Error { case message(String) }

    private let characters: [Character]
    private var index = 0
    private let variables: (String) -> String?

    init(_ line: String, variables: @escaping (String) -> String?) {
        self.characters = Array(line)
        self.variables = variables
    }

    /// True when only blanks or a comment remain.
    mutating func atEnd() -> Bool {
        skipBlanks()
        return index >= characters.count || characters[index] == "#"
    }

    var nextIsQuote: Bool { index < characters.count && characters[index] == "\"" }
    var nextIsSlash: Bool { index < characters.count && characters[index] == "/" }

    /// The next bare word (up to a blank), or nil at the end of the line.
    mutating func word() -> String? {
        if atEnd() { return nil }
        var text = ""
        while index < characters.count, !characters[index].isWhitespace {
            text.append(characters[index]); index += 1
        }
        return text
    }

    /// A word, or a quoted string when the argument starts with a quote.
    mutating func wordOrString() throws -> String? {
        if atEnd() { return nil }
        return nextIsQuote ? try quoted() : word()
    }

    /// A "quoted string"; the scanner must be at the opening quote.
    mutating func quoted() throws -> String {
        skipBlanks()
        guard nextIsQuote else { throw Failure.message("expected a quoted string") }
        index += 1
        var text = ""
        var length = 0
        while index < characters.count {
            let character = characters[index]
            index += 1
            let piece: String
            switch character {
            case "\"":
                return text
            case "\\":
                piece = try escape()
            case "$" where index < characters.count && characters[index] == "{":
                piece = try variable()
            default:
                piece = String(character)
            }
            text += piece
            length += piece.count
            guard length <= ScriptLimits.stringLength else {
                throw Failure.message("string is longer than \(ScriptLimits.stringLength) characters")
            }
        }
        throw Failure.message("unterminated string (a closing \" is missing)")
    }

    /// A /regular expression/; `\/` stands for a slash inside it.
    mutating func regex() throws -> String {
        skipBlanks()
        guard nextIsSlash else { throw Failure.message("expected a /regular expression/") }
        index += 1
        var text = ""
        var length = 0
        while index < characters.count {
            let character = characters[index]
            index += 1
            if character == "/" { return text }
            length += 1
            guard length <= ScriptLimits.regexLength else {
                throw Failure.message("regular expression is longer than \(ScriptLimits.regexLength) characters")
            }
            if character == "\\", index < characters.count, characters[index] == "/" {
                text.append("/"); index += 1
            } else {
                text.append(character)
                if character == "\\", index < characters.count {
                    text.append(characters[index]); index += 1
                }
            }
        }
        throw Failure.message("unterminated regular expression (a closing / is missing)")
    }

    private mutating func escape() throws -> String {
        guard index < characters.count else { throw Failure.message("unterminated string (a closing \" is missing)") }
        let character = characters[index]
        index += 1
        switch character {
        case "n": return "\n"
        case "t": return "\t"
        case "r": return "\r"
        case "e": return "\u{1B}"
        case "\\", "\"", "$", "#", "/": return String(character)
        case "u":
            guard index < characters.count, characters[index] == "{",
                  let close = characters[index...].firstIndex(of: "}") else {
                throw Failure.message("bad escape: write \\u{XXXX}")
            }
            let hex = String(characters[(index + 1)..<close])
            index = close + 1
            guard let value = UInt32(hex, radix: 16), let scalar = Unicode.Scalar(value) else {
                throw Failure.message("bad escape: \\u{\(hex)} is not a Unicode scalar")
            }
            return String(Character(scalar))
        default:
            throw Failure.message("unknown escape \\\(character) (use \\\" \\\\ \\n \\t \\e \\u{XXXX})")
        }
    }

    private mutating func variable() throws -> String {
        index += 1 // past "{"
        guard let close = characters[index...].firstIndex(of: "}") else {
            throw Failure.message("unterminated ${NAME}")
        }
        // `${NAME:-fallback}`, as in the shell: the fallback when NAME is not set.
        let inside = String(characters[index..<close])
        index = close + 1
        let parts = inside.components(separatedBy: ":-")
        let name = parts[0]
        let fallback = parts.count > 1 ? parts.dropFirst().joined(separator: ":-") : nil
        guard let value = variables(name) ?? fallback else {
            throw Failure.message("${\(name)} is not set (set it with `env \(name) VALUE` or in the environment)")
        }
        return value
    }

    private mutating func skipBlanks() {
        while index < characters.count, characters[index].isWhitespace { index += 1 }
    }
}
