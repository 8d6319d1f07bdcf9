import StoreWire

/// The simulated card network: Stripe's test card conventions decide the outcome.
enum CardIssuer {
    enum Decision: Equatable {
        case approved
        case declined(code: String, message: String)
    }

    private static let declines: [String: (code: String, message: String)] = [
        "4000000000000002": ("card_declined", "Your card was declined."),
        "4000000000009995": ("insufficient_funds", "Your card has insufficient funds."),
        "4000000000000127": ("incorrect_cvc", "Your card's security code is incorrect."),
        "4000000000000069": ("expired_card", "Your card has expired."),
        "4000000000000119": ("processing_error", "An error occurred while processing your card. Try again in a little bit."),
    ]

    /// Any other valid Visa, Mastercard or American Express number approves.
    static func authorise(_ card: ValidatedCard) -> Decision {
        if let decline = declines[card.digits] { return .declined(code: decline.code, message: decline.message) }
        return .approved
    }

    /// The words for a decline code recorded earlier (a retried attempt is answered as the first time).
    static func declineMessage(_ code: String) -> (code: String, message: String) {
        declines.values.first { $0.code == code } ?? ("card_declined", "Your card was declined.")
    }
}
