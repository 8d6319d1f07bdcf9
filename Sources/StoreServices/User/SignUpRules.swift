import Foundation
import StoreWire

/// What a sign-up must satisfy. Each broken rule is a 422 naming the field.
/// (Characters and lengths were checked with the request, by `TextRules`.)
enum SignUpRules {
    /// The email as the account id: trimmed and lower-cased.
    static func normalisedEmail(_ email: String) -> String {
        email.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
    }

    /// The request with its email normalised and text trimmed, or the first broken rule.
    static func validate(_ request: SignUpRequest) throws -> SignUpRequest {
        var clean = request
        clean.email = normalisedEmail(request.email)
        clean.name = trimmed(request.name)
        guard !clean.email.isEmpty else { throw missing("email", "Email") }
        guard TextRules.isPlausibleEmail(clean.email) else {
            throw HTTPError.unprocessable(code: "invalid_email", "Enter an email address such as you@example.com.", param: "email")
        }
        guard request.password.unicodeScalars.count >= TextLimits.passwordMinimum else {
            throw HTTPError.unprocessable(code: "password_too_short",
                                          "The password must have at least \(TextLimits.passwordMinimum) characters.",
                                          param: "password")
        }
        guard !clean.name.isEmpty else { throw missing("name", "Name") }
        var address = request.address
        address.name = trimmed(address.name)
        address.line1 = trimmed(address.line1)
        address.line2 = trimmed(address.line2)
        address.city = trimmed(address.city)
        address.postcode = trimmed(address.postcode)
        address.country = trimmed(address.country)
        try requireAddress(address, param: "address")
        clean.address = address
        return clean
    }

    /// The parts of a delivery address that must not be blank.
    static func requireAddress(_ address: Address, param: String) throws {
        let required: [(String, String, String)] = [
            ("name", "Recipient name", address.name), ("line1", "Street address", address.line1),
            ("city", "City", address.city), ("postcode", "Postcode", address.postcode),
            ("country", "Country", address.country),
        ]
        for (field, label, value) in required where trimmed(value).isEmpty {
            throw missing("\(param).\(field)", label)
        }
    }

    private static func trimmed(_ text: String) -> String { text.trimmingCharacters(in: .whitespacesAndNewlines) }

    private static func missing(_ param: String, _ label: String) -> HTTPError {
        HTTPError.unprocessable(code: "missing_field", "\(label) is required.", param: param)
    }
}
