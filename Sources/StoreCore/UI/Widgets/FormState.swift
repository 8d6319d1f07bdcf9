/// One text field of a form.
public struct FormField: Hashable, Sendable {
    public enum Content: Hashable, Sendable { case text, digits }
    public var id: String
    public var label: String
    public var value: String
    public var secure: Bool
    public var content: Content
    public var maxLength: Int
    /// Card data (number, expiry, CVC): its box's cells are marked secret, so no
    /// text of the screen that leaves the app holds what was typed, valid or not.
    public var isCardData: Bool
    /// Where typing goes, in characters from the start; nil is the end.
    public var cursor: Int?
    public init(_ id: String, _ label: String, value: String = "", secure: Bool = false,
                content: Content = .text, maxLength: Int = 80, cardData: Bool = false) {
        self.id = id; self.label = label; self.value = value; self.secure = secure
        self.content = content; self.maxLength = maxLength; self.isCardData = cardData
    }

    /// A password: shown as dots, its box marked so no recording holds what was typed.
    /// (The CVC is secure too, but it is card data, kept out by the card rules.)
    public var isPassword: Bool { secure && !isCardData }

    /// The cursor as an index into the value (digit fields always edit at the end).
    public var cursorOffset: Int {
        guard content == .text, let cursor else { return value.count }
        return max(0, min(value.count, cursor))
    }
}

/// A form: fields, which one has focus, which were visited, and errors by field.
/// Letters typed go into the focused field.
public struct FormState: Hashable, Sendable {
    public var fields: [FormField]
    public var focus: Int = 0
    /// Fields the user has left at least once (their errors show from then on).
    public var visited: Set<String> = []
    /// Errors by field id, in words.
    public var errors: [String: String] = [:]
    /// An error about the whole form, shown under it.
    public var formError: String?

    public init(_ fields: [FormField]) { self.fields = fields }

    public subscript(id: String) -> String {
        get { fields.first { $0.id == id }?.value ?? "" }
        set { if let index = fields.firstIndex(where: { $0.id == id }) { fields[index].value = newValue } }
    }

    public var focusedID: String? { fields.indices.contains(focus) ? fields[focus].id : nil }

    public mutating func type(_ character: Character) {
        guard fields.indices.contains(focus) else { return }
        var field = fields[focus]
        if field.content == .digits && !character.isASCIIDigit { return }
        // Counted in code points, as the services count the limit.
        guard field.value.unicodeScalars.count + character.unicodeScalars.count <= field.maxLength,
              DisplayWidth.of(character) > 0 else { return }
        let offset = field.cursorOffset
        field.value.insert(character, at: field.value.index(field.value.startIndex, offsetBy: offset))
        if field.cursor != nil { field.cursor = offset + 1 }
        fields[focus] = field
        errors[field.id] = nil
        formError = nil
    }

    public mutating func backspace() {
        guard fields.indices.contains(focus) else { return }
        let offset = fields[focus].cursorOffset
        guard offset > 0 else { return }
        let value = fields[focus].value
        fields[focus].value.remove(at: value.index(value.startIndex, offsetBy: offset - 1))
        if fields[focus].cursor != nil { fields[focus].cursor = offset - 1 }
        errors[fields[focus].id] = nil
    }

    /// Delete: removes the character under the cursor.
    public mutating func deleteForward() {
        guard fields.indices.contains(focus) else { return }
        let offset = fields[focus].cursorOffset
        let value = fields[focus].value
        guard offset < value.count else { return }
        fields[focus].value.remove(at: value.index(value.startIndex, offsetBy: offset))
        errors[fields[focus].id] = nil
    }

    /// Left/Right/Home/End inside the focused field.
    public mutating func moveCursor(to position: CursorMove) {
        guard fields.indices.contains(focus), fields[focus].content == .text else { return }
        let field = fields[focus]
        let target: Int
        switch position {
        case .left: target = field.cursorOffset - 1
        case .right: target = field.cursorOffset + 1
        case .start: target = 0
        case .end: target = field.value.count
        }
        let clamped = max(0, min(field.value.count, target))
        fields[focus].cursor = clamped == field.value.count ? nil : clamped
    }

    public enum CursorMove: Hashable, Sendable { case left, right, start, end }

    public mutating func move(by step: Int) {
        guard !fields.isEmpty else { return }
        if let id = focusedID { visited.insert(id) }
        focus = (focus + step + fields.count) % fields.count
    }

    public mutating func focus(on id: String) {
        if let index = fields.firstIndex(where: { $0.id == id }) { focus = index }
    }

    public mutating func visitAll() { visited.formUnion(fields.map(\.id)) }

    /// Empties every field and forgets errors.
    public mutating func clear() {
        for index in fields.indices { fields[index].value = "" }
        focus = 0; visited = []; errors = [:]; formError = nil
    }
}
