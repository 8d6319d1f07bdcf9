import Foundation

/// The card entry form. The full number and CVC live only here and in the
/// payment request; every description of this value shows brand + last 4 at most.
public struct CardForm: Hashable, Sendable, CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    public var form = FormState([
        FormField("name", "Name on card", maxLength: TextLimits.name),
        FormField("number", "Card number", content: .digits, maxLength: 16, cardData: true),
        FormField("expiry", "Expiry (MM/YY)", content: .digits, maxLength: 4, cardData: true),
        FormField("cvc", "CVC", secure: true, content: .digits, maxLength: 4, cardData: true),
    ])

    public init() {}

    public var digits: String { form["number"] }
    public var brand: CardBrand { CardBrand.detect(digits) }

    /// Types into the focused field, holding the number to its brand's length.
    public mutating func type(_ character: Character) {
        if form.focusedID == "number", digits.count >= brand.numberLength, character.isASCIIDigit { return }
        if form.focusedID == "cvc", form["cvc"].count >= brand.cvcLength, character.isASCIIDigit { return }
        form.type(character)
    }

    /// Forgets everything typed (checkout ended, either way).
    public mutating func clear() { self = CardForm() }

    // MARK: Display

    /// The number grouped as typed: 4-4-4-4, Amex 4-6-5.
    public var groupedNumber: String { Self.group(Array(digits), brand: brand) }

    /// `•••• •••• •••• 4242`: all but the last four digits hidden.
    public var maskedNumber: String {
        let characters = Array(digits)
        let hidden = max(0, characters.count - 4)
        return Self.group(characters.enumerated().map { $0.offset < hidden ? "•" : $0.element }, brand: brand)
    }

    public var expiryText: String {
        let value = form["expiry"]
        return value.count >= 2 ? value.prefix(2) + "/" + value.dropFirst(2) : value
    }

    /// The text drawn for a field: the number in full only while it has focus.
    public func display(_ field: FormField, focused: Bool) -> String {
        switch field.id {
        case "number": return focused ? groupedNumber : maskedNumber
        case "expiry": return expiryText
        case "cvc": return String(repeating: "•", count: field.value.count)
        default: return field.value
        }
    }

    private static func group(_ characters: [Character], brand: CardBrand) -> String {
        var groups: [String] = []
        var index = 0
        for size in brand.groups where index < characters.count {
            groups.append(String(characters[index..<min(characters.count, index + size)]))
            index += size
        }
        if index < characters.count { groups.append(String(characters[index...])) }
        return groups.joined(separator: " ")
    }

    // MARK: Validation

    /// What is wrong with a field, in words: the service's word first, then
    /// checks as typed, then (once the field was left) every check.
    public func error(for id: String, now: Date) -> String? {
        if let error = form.errors[id] { return error }
        let full = form.visited.contains(id)
        switch id {
        case "name":
            return full && form["name"].trimmingCharacters(in: .whitespaces).isEmpty ? "Enter the name on the card" : nil
        case "number": return numberError(full: full)
        case "expiry": return expiryError(full: full, now: now)
        case "cvc":
            let count = form["cvc"].count
            guard full || count > brand.cvcLength else { return nil }
            return count == brand.cvcLength ? nil
                : brand == .amex ? "CVC is 4 digits for American Express" : "CVC is 3 digits"
        default: return nil
        }
    }

    private func numberError(full: Bool) -> String? {
        let count = digits.count
        if count == 0 { return full ? "Enter the card number" : nil }
        if count >= 4 && brand == .unknown { return "Unknown card type — Visa, Mastercard or Amex" }
        if count == brand.numberLength { return Luhn.isValid(digits) ? nil : "Not a valid card number — check the digits" }
        return full ? "Too short — \(brand.displayName) numbers have \(brand.numberLength) digits" : nil
    }

    private func expiryError(full: Bool, now: Date) -> String? {
        let value = form["expiry"]
        if value.isEmpty { return full ? "Enter the expiry date" : nil }
        if value.count >= 2, let month = Int(value.prefix(2)), !(1...12).contains(month) { return "Month must be 01 to 12" }
        guard value.count == 4 else { return full ? "Use MM/YY, e.g. 04/29" : nil }
        guard let (month, year) = expiry else { return "Use MM/YY, e.g. 04/29" }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? calendar.timeZone
        let parts = calendar.dateComponents([.year, .month], from: now)
        let (nowYear, nowMonth) = (parts.year ?? 0, parts.month ?? 0)
        if year < nowYear || (year == nowYear && month < nowMonth) { return "This card has expired" }
        return nil
    }

    /// Month and four-digit year, when the field holds MM/YY.
    public var expiry: (month: Int, year: Int)? {
        let value = form["expiry"]
        guard value.count == 4, let month = Int(value.prefix(2)), let year = Int(value.suffix(2)) else { return nil }
        return (month, 2000 + year)
    }

    public func errors(now: Date) -> [String: String] {
        var result: [String: String] = [:]
        var all = self
        all.form.visitAll()
        for field in form.fields { result[field.id] = all.error(for: field.id, now: now) }
        return result
    }

    /// The card, when every field is right.
    public func details(now: Date) -> CardDetails? {
        guard errors(now: now).isEmpty, let expiry else { return nil }
        return CardDetails(number: digits, expMonth: expiry.month, expYear: expiry.year, cvc: form["cvc"],
                           name: form["name"].trimmingCharacters(in: .whitespaces))
    }

    /// The form field a service error's `param` names, e.g. "card.number" → "number".
    public static func field(forParam param: String?) -> String? {
        guard let param = param?.lowercased() else { return nil }
        if param.contains("number") { return "number" }
        if param.contains("exp") { return "expiry" }
        if param.contains("cvc") || param.contains("cvv") { return "cvc" }
        if param.contains("name") { return "name" }
        return nil
    }

    // MARK: Never more than brand + last 4 in any description

    public var description: String {
        digits.count >= 4 ? "CardForm(\(brand.displayName) •••• \(digits.suffix(4)))" : "CardForm(\(brand.displayName))"
    }
    public var debugDescription: String { description }
    public var customMirror: Mirror { Mirror(self, children: ["card": description]) }
}
