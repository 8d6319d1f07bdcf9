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
        guard !digits.isEmpty, digits.allSatisfy(\.isASCIIDigit) else { return false }
        var sum = 0
        for (index, char) in digits.reversed().enumerated() {
            var value = Int(String(char))!
            if index % 2 == 1 { value *= 2; if value > 9 { value -= 9 } }
            sum += value
        }
        return sum % 10 == 0
    }
}

extension Character {
    public var isASCIIDigit: Bool { ("0"..."9").contains(self) }
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
