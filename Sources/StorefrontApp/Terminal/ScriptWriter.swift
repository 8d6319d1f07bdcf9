import StoreCore

/// Writes recorded input as keystroke script text.
enum ScriptWriter {
    static func write(entries allEntries: [KeyRecorder.Entry], startSize: Size) -> String {
        // The key that ended the session is left out, so a replay ends on the last screen.
        var entries = allEntries
        if case .key(let key, _)? = entries.last, key == .character("q") || key == .control("c") { entries.removeLast() }
        var lines = ["# recorded by storefront --record", "size \(startSize)"]
        var text = ""
        var textOnCardScreen = false
        var keys: [String] = []
        var needsCardVariables = false

        func flushText() {
            guard !text.isEmpty else { return }
            if text.count == 1 {
                keys.append(KeyName.name(.character(text.first!)))
            } else {
                flushKeys()
                let safe = textOnCardScreen ? cardSafe(text) : text
                if safe != text { needsCardVariables = true }
                lines.append("type \"\(escape(safe))\"")
            }
            text = ""
        }
        func flushKeys() {
            guard !keys.isEmpty else { return }
            lines.append("press " + keys.joined(separator: " "))
            keys.removeAll()
        }

        for entry in entries {
            switch entry {
            case .wait(let phrase):
                flushText(); flushKeys()
                lines.append("wait \"\(escape(phrase))\"")
            case .resize(let size):
                flushText(); flushKeys()
                lines.append("resize \(size)")
            case .key(.character(let character), let onCardScreen):
                if text.isEmpty { textOnCardScreen = onCardScreen }
                textOnCardScreen = textOnCardScreen || onCardScreen
                text.append(character)
            case .key(let key, _):
                flushText()
                keys.append(KeyName.name(key))
            }
        }
        flushText(); flushKeys()
        if needsCardVariables {
            lines.insert("# card details were not recorded: give CARD_NUMBER, CARD_EXPIRY (MMYY) and CARD_CVC with env or the environment", at: 1)
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Digits typed on the card screen become variables, never the digits themselves.
    static func cardSafe(_ text: String) -> String {
        let digits = text.filter(\.isASCIIDigit)
        guard !digits.isEmpty, text.allSatisfy({ $0.isASCIIDigit || $0 == " " }) else {
            return CardNumberGuard.redact(text)
        }
        switch digits.count {
        case 12...19: return "${CARD_NUMBER}"
        case 4: return "${CARD_EXPIRY}"
        case 3: return "${CARD_CVC}"
        default: return "${CARD_DIGITS}"
        }
    }

    static func escape(_ text: String) -> String {
        var result = ""
        for character in text {
            switch character {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\t": result += "\\t"
            case "$": result += "\\$"
            default: result.append(character)
            }
        }
        for variable in ["CARD_NUMBER", "CARD_EXPIRY", "CARD_CVC", "CARD_DIGITS"] {
            result = result.replacingOccurrences(of: "\\${\(variable)}", with: "${\(variable)}")
        }
        return result
    }
}
