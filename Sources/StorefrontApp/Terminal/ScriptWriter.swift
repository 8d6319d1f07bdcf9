import StoreCore

/// Writes recorded input as keystroke script text.
enum ScriptWriter {
    static func write(entries allEntries: [KeyRecorder.Entry], startSize: Size) -> String {
        // The key that ended the session is left out, so a replay ends on the last screen.
        var entries = allEntries
        if case .key(let key, _, intoPassword: false)? = entries.last, key == .character("q") || key == .control("c") {
            entries.removeLast()
        }
        var lines = ["# recorded by storefront --record", "size \(startSize)"]
        var text = ""
        var textOnCardScreen = false
        var keys: [String] = []
        var needsCardVariables = false
        var needsPassword = false
        // Keys that edit a password field, one after another, replay as one `type "${PASSWORD}"`.
        var inPasswordRun = false

        func flushText() {
            guard !text.isEmpty else { return }
            if textOnCardScreen, text.contains(where: \.isNumber) {
                // Even one digit on the card screen: no part of a card number is written.
                flushKeys()
                needsCardVariables = true
                lines.append("type \"\(cardVariable(text))\"")
            } else if text.count == 1 {
                keys.append(KeyName.name(.character(text.first!)))
            } else {
                flushKeys()
                lines.append("type \"\(escape(CardNumberGuard.redact(text)))\"")
            }
            text = ""
        }
        func flushKeys() {
            guard !keys.isEmpty else { return }
            lines.append("press " + keys.joined(separator: " "))
            keys.removeAll()
        }

        for entry in entries {
            if case .key(_, _, intoPassword: true) = entry {
                flushText(); flushKeys()
                if !inPasswordRun { lines.append("type \"${PASSWORD}\"") }
                inPasswordRun = true
                needsPassword = true
                continue
            }
            inPasswordRun = false
            switch entry {
            case .wait(let phrase):
                flushText(); flushKeys()
                lines.append("wait \"\(escape(phrase))\"")
            case .resize(let size):
                flushText(); flushKeys()
                lines.append("resize \(size)")
            case .key(.character(let character), let onCardScreen, _):
                if text.isEmpty { textOnCardScreen = onCardScreen }
                textOnCardScreen = textOnCardScreen || onCardScreen
                text.append(character)
            case .key(let key, _, _):
                flushText()
                keys.append(KeyName.name(key))
            }
        }
        flushText(); flushKeys()
        if needsPassword {
            lines.insert("# the password was not recorded: give PASSWORD with env or the environment", at: 1)
        }
        if needsCardVariables {
            lines.insert("# card details were not recorded: give CARD_NUMBER, CARD_EXPIRY (MMYY) and CARD_CVC with env or the environment", at: 1)
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The variable written for text with digits typed on the card screen, never
    /// the text itself: named by how many digits it has (a guess at the field).
    static func cardVariable(_ text: String) -> String {
        switch text.filter(\.isNumber).count {
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
        return result
    }
}
