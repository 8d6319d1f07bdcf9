import Foundation
import StoreWire

/// A card that passed validation, with its number normalised to digits.
/// Holds the full number only in memory for the length of one request.
struct ValidatedCard {
    let digits: String
    let brand: CardBrand
    var summary: CardSummary { CardSummary(brand: brand, last4: String(digits.suffix(4))) }
}

/// Checks card details before any decision is made. Error messages name the
/// field and never repeat the number or the CVC.
enum CardValidator {
    static func validate(_ card: CardDetails, now: Date = Date()) throws -> ValidatedCard {
        let digits = card.number.filter { $0 != " " }
        guard !digits.isEmpty else { throw invalid("card.number", "The card number is missing.") }
        guard digits.allSatisfy(\.isASCIIDigit) else {
            throw invalid("card.number", "The card number may contain only digits.")
        }
        let brand = CardBrand.detect(digits)
        guard brand != .unknown else {
            throw invalid("card.number", "Only Visa, Mastercard and American Express cards are accepted.")
        }
        guard digits.count == brand.numberLength else {
            throw invalid("card.number", "A \(brand.displayName) card number has \(brand.numberLength) digits.")
        }
        guard Luhn.isValid(digits) else {
            throw invalid("card.number", "The card number is not valid; please check it.")
        }
        guard (1...12).contains(card.expMonth) else {
            throw invalid("card.exp_month", "The expiry month must be between 1 and 12.")
        }
        // The range is checked before any arithmetic, so no year from the network can overflow.
        let year: Int
        switch card.expYear {
        case 0...99: year = 2000 + card.expYear
        case 2000...2100: year = card.expYear
        default: throw invalid("card.exp_year", "The expiry year is not valid.")
        }
        let today = utcYearAndMonth(now)
        if year < today.year || (year == today.year && card.expMonth < today.month) {
            throw invalid("card.exp_year", "The card has expired.")
        }
        guard card.cvc.count == brand.cvcLength, card.cvc.allSatisfy(\.isASCIIDigit) else {
            throw invalid("card.cvc", "The security code (CVC) has \(brand.cvcLength) digits for this card.")
        }
        guard !card.name.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            throw invalid("card.name", "The cardholder name is missing.")
        }
        return ValidatedCard(digits: digits, brand: brand)
    }

    /// The calendar year and month (1–12) of `date` in UTC.
    private static func utcYearAndMonth(_ date: Date) -> (year: Int, month: Int) {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(secondsFromGMT: 0) ?? calendar.timeZone
        let parts = calendar.dateComponents([.year, .month], from: date)
        return (parts.year ?? 1970, parts.month ?? 1)
    }

    /// Stripe's codes, which client developers already know.
    private static let codes = ["card.number": "invalid_number", "card.exp_month": "invalid_expiry_month",
                                "card.exp_year": "invalid_expiry_year", "card.cvc": "invalid_cvc", "card.name": "invalid_name"]

    private static func invalid(_ param: String, _ message: String) -> ServiceError {
        ServiceError(type: "invalid_request_error", code: codes[param] ?? "invalid_card", message: message, param: param)
    }
}
