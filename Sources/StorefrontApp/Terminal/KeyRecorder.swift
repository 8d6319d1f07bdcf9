import Foundation
import StoreCore
import StoreTerminal

/// Records the keys of an interactive session (`--record FILE`) and turns them
/// into a keystroke script: a `wait` for each new screen the session passed
/// through, `type` for runs of characters, `press` for the rest.
///
/// Card data never reaches the file: on a screen that shows a card field, any
/// run of characters with a digit in it, however long, is written as a variable
/// (`${CARD_NUMBER}`, `${CARD_EXPIRY}`, `${CARD_CVC}`, `${CARD_DIGITS}`), to be
/// given with `env` or the environment; and the screens' text it reads for
/// `wait` lines has the card fields redacted. Passwords alike: whatever is typed
/// or edited in a password field is written as `${PASSWORD}`.
final class KeyRecorder: TerminalBackend {
    private let terminal: TerminalBackend
    private var lastFrame: Grid?
    /// The screen text when the previous key was pressed.
    private var screenAtLastKey = ""
    private var entries: [Entry] = []
    private var lastKeyTypedIntoField = false

    enum Entry: Equatable {
        case wait(String)
        /// `intoPassword`: the key edits a password field (typed, erased, cursor moved in it).
        case key(Key, onCardScreen: Bool, intoPassword: Bool = false)
        case resize(Size)
    }

    init(terminal: TerminalBackend) { self.terminal = terminal }

    var size: Size { terminal.size }

    func render(_ grid: Grid) {
        if firstSize == nil { firstSize = grid.size }
        lastFrame = grid
        terminal.render(grid)
    }

    func readEvent(timeoutMilliseconds: Int) -> InputEvent? {
        let event = terminal.readEvent(timeoutMilliseconds: timeoutMilliseconds)
        switch event {
        case .key(let key)?:
            let frame = lastFrame ?? Grid(size: size)
            let screen = Self.landmarkText(frame)
            // What typing into a field changes (its text, a hint beside it) is no new screen to wait for.
            let typesIntoField: Bool
            if case .character = key { typesIntoField = Self.cursorIsInField(frame) } else { typesIntoField = false }
            if !(typesIntoField && lastKeyTypedIntoField),
               let landmark = Self.landmark(of: screen, notIn: screenAtLastKey) {
                entries.append(.wait(landmark))
            }
            screenAtLastKey = screen
            lastKeyTypedIntoField = typesIntoField
            let onCardScreen = frame.cursorIsOnSecret || frame.hasSecretCells || Self.isCardScreen(screen)
            entries.append(.key(key, onCardScreen: onCardScreen,
                                intoPassword: frame.cursorIsOnPassword && Self.editsField(key)))
        case .resize(let size)?:
            entries.append(.resize(size))
        case nil:
            break
        }
        return event
    }

    func shutdown() { terminal.shutdown() }

    /// Each key is judged by the frame drawn after the key before it.
    var wantsFramePerKey: Bool { true }

    /// The recording as script text.
    func script(size: Size) -> String {
        ScriptWriter.write(entries: entries, startSize: firstSize ?? size)
    }

    /// The size the session started at: the first frame's.
    private var firstSize: Size?

    /// A frame's text for finding what to wait for: what the fields hold left
    /// out (typing is not a new screen) and card fields redacted besides.
    static func landmarkText(_ frame: Grid) -> String {
        var blank = frame
        for row in 0..<frame.size.rows {
            for column in 0..<frame.size.columns where [.input, .inputFocus].contains(frame[column, row].role) {
                blank[column, row].text = " "
            }
        }
        return CardNumberGuard.screenText(blank)
    }

    /// Keys that change what a field holds, or where in it typing goes; Tab,
    /// Enter and Esc leave the field and are recorded as they are.
    static func editsField(_ key: Key) -> Bool {
        switch key {
        case .character, .backspace, .delete, .left, .right, .home, .end: return true
        default: return false
        }
    }

    /// Whether the cursor sits in a form field's box, where characters are typed into the field.
    static func cursorIsInField(_ frame: Grid) -> Bool {
        guard let cursor = frame.cursor, frame.contains(column: cursor.column, row: cursor.row) else { return false }
        return frame[cursor.column, cursor.row].role == .inputFocus
    }

    /// A phrase on `screen` that was not on the previous one, to wait for:
    /// the first such stretch of words from the top, status line and footer left out.
    static func landmark(of screen: String, notIn previous: String) -> String? {
        let rows = screen.components(separatedBy: "\n")
        guard rows.count > 2 else { return nil }
        for row in rows.dropFirst().dropLast() {
            for phrase in phrases(in: row) where !previous.contains(phrase) {
                return phrase
            }
        }
        return nil
    }

    /// Stretches of a row separated by two or more spaces or box drawing, with
    /// at least four characters and a letter, without quotes or digits that change.
    static func phrases(in row: String) -> [String] {
        var result: [String] = []
        var current = ""
        var spaces = 0
        func flush() {
            let phrase = current.trimmingCharacters(in: .whitespaces)
            if phrase.count >= 4, phrase.contains(where: \.isLetter), !phrase.contains("\""), !phrase.contains("\\"),
               !phrase.contains(where: \.isNumber) {
                result.append(phrase)
            }
            current = ""
        }
        for character in row {
            let isBox = character.unicodeScalars.first.map { (0x2500...0x259F).contains($0.value) || $0.value == 0x2022 } ?? false
            if character == " " {
                spaces += 1
                if spaces >= 2 { flush() } else { current.append(character) }
            } else if isBox || "│|•".contains(character) {
                flush(); spaces = 0
            } else {
                spaces = 0
                current.append(character)
            }
        }
        flush()
        return result
    }

    /// A second test beside the card fields' marked cells, by the screen's words.
    static func isCardScreen(_ screen: String) -> Bool {
        let lower = screen.lowercased()
        return lower.contains("card") && lower.contains("cvc")
    }
}
