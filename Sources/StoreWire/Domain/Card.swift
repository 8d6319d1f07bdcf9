public enum CardBrand: String, Codable, Hashable, Sendable {
    case visa, mastercard, amex, unknown

    public var displayName: String {
        switch self {
        case .visa: return "Visa"
        case .mastercard: return "Mastercard"
        case .amex: return "American Express"
        case .unknown: return "Card"
        }
    }

    /// Brand from the leading digits (IIN ranges).
    public static func detect(_ digits: String) -> CardBrand {
        if digits.hasPrefix("4") { return .visa }
        if digits.hasPrefix("34") || digits.hasPrefix("37") { return .amex }
        if let two = Int(digits.prefix(2)), (51...55).contains(two), digits.count >= 2 { return .mastercard }
        if let four = Int(digits.prefix(4)), (2221...2720).contains(four), digits.count >= 4 { return .mastercard }
        return .unknown
    }

    public var numberLength: Int { self == .amex ? 15 : 16 }
    public var cvcLength: Int { self == .amex ? 4 : 3 }
    /// Digit groups for display: 4-4-4-4, Amex 4-6-5.
    public var groups: [Int] { self == .amex ? [4, 6, 5] : [4, 4, 4, 4] }
}

/// Full card details. Lives only in the card form's memory and in the payment
/// request; its descriptions never show more than brand and last four digits.
public struct CardDetails: Codable, Hashable, Sendable, CustomStringConvertible, CustomDebugStringConvertible {
    public var number: String
    public var expMonth: Int
    public var expYear: Int
    public var cvc: String
    public var name: String
    public init(number: String, expMonth: Int, expYear: Int, cvc: String, name: String) {
        self.number = number; self.expMonth = expMonth; self.expYear = expYear; self.cvc = cvc; self.name = name
    }

    public var summary: CardSummary {
        CardSummary(brand: CardBrand.detect(number), last4: String(number.suffix(4)))
    }
    public var description: String { "\(summary.brand.displayName) •••• \(summary.last4)" }
    public var debugDescription: String { description }
}

public enum Luhn {
    public static func isValid(_ digits: String) -> Bool {
        guard !digits.isEmpty else { return false }
        var sum = 0
        for (index, char) in digits.reversed().enumerated() {
            guard var value = char.asciiDigitValue else { return false }
            if index % 2 == 1 { value *= 2; if value > 9 { value -= 9 } }
            // Kept below 10 so no length of input can overflow the sum.
            sum = (sum + value) % 10
        }
        return sum == 0
    }
}

extension Character {
    /// True only for the ten ASCII digits. Judged by the character's ASCII
    /// value, so a digit carrying a combining mark ("4\u{301}"), an
    /// Arabic-Indic, Devanagari, fullwidth or superscript digit is not one.
    public var isASCIIDigit: Bool { asciiDigitValue != nil }

    /// 0–9 for an ASCII digit, nil for anything else.
    public var asciiDigitValue: Int? {
        guard let ascii = asciiValue, ascii >= 0x30, ascii <= 0x39 else { return nil }
        return Int(ascii - 0x30)
    }
}

public struct ConfirmPaymentRequest: Codable, Hashable, Sendable, CustomStringConvertible {
    public var clientSecret: String
    public var card: CardDetails
    public init(clientSecret: String, card: CardDetails) { self.clientSecret = clientSecret; self.card = card }
    public var description: String { "ConfirmPaymentRequest(card: \(card))" }
}

public struct PaymentResult: Codable, Hashable, Sendable {
    /// "succeeded".
    public var status: String
    public var card: CardSummary
    public var orderId: String
    public init(status: String, card: CardSummary, orderId: String) {
        self.status = status; self.card = card; self.orderId = orderId
    }
}
