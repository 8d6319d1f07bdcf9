/// The limits of every text the store's API takes, shared by the client's
/// forms and the services' checks, and published as `maxLength` in the API
/// document. Lengths count Unicode code points, as JSON Schema's `maxLength`
/// does, so a value of combining marks cannot pass as one short character.
public enum TextLimits {
    public static let email = 254
    /// Code points like every other limit; at most 4 KiB of UTF-8 for the password hash to read.
    public static let password = 1024
    public static let passwordMinimum = 8
    /// A person's name: account holder, delivery recipient, cardholder.
    public static let name = 200
    public static let addressLine = 200
    public static let city = 100
    public static let postcode = 20
    public static let country = 56
    /// The catalogue's `q`.
    public static let searchQuery = 200
    /// Cart, product and order ids in paths and bodies, and every other short query value.
    public static let identifier = 64
    /// A payment intent's id and its client secret. Both are signed tokens that
    /// carry the owner's email, so they are longer than an id: the longest
    /// email of 4-byte characters gives about 1,650 characters.
    public static let paymentToken = 2048
    /// The `Authorization: Bearer` value: a signed session token carrying the email twice.
    public static let bearerToken = 4096
    public static let idempotencyKey = 255
    /// Digits and the spaces of their grouping.
    public static let cardNumber = 32
    public static let cardCode = 8
    /// A product's fields (`ProductRules`); its id and category id are identifiers.
    public static let productName = 200
    public static let productDescription = 4000
    /// An attribute's name ("Author") and value ("Frank Herbert").
    public static let attributeName = 64
    public static let attributeValue = 500
}

/// One text value of a request, named as the error's `param` names it
/// ("address.line1", "card.name", "q", "Idempotency-Key").
public struct TextField: Hashable, Sendable {
    public var name: String
    public var value: String
    public var limit: Int

    public init(_ name: String, _ value: String, limit: Int) {
        self.name = name; self.value = value; self.limit = limit
    }
}

/// What is wrong with a text value.
public enum TextProblem: Hashable, Sendable {
    /// A control character (C0, DEL, C1) or a line or paragraph separator: every
    /// field of the API is a single line, and NUL would cut a C string short.
    case invalidCharacters
    case tooLong(limit: Int)
}

/// The one rule for the characters and length of every text field.
public enum TextRules {
    /// The problem with `value`, or nil when it may be used.
    public static func problem(in value: String, limit: Int) -> TextProblem? {
        var count = 0
        for scalar in value.unicodeScalars {
            if isRefused(scalar) { return .invalidCharacters }
            count += 1
        }
        return count > limit ? .tooLong(limit: limit) : nil
    }

    /// The first field with a problem, or nil when all may be used.
    public static func firstProblem(in fields: [TextField]) -> (field: TextField, problem: TextProblem)? {
        for field in fields {
            if let problem = problem(in: field.value, limit: field.limit) { return (field, problem) }
        }
        return nil
    }

    /// C0 controls (NUL, tab, newline, …), DEL, C1 controls, U+2028 and U+2029.
    public static func isRefused(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x00...0x1F, 0x7F...0x9F, 0x2028, 0x2029: return true
        default: return false
        }
    }

    /// Something@something.tld without spaces: the same test in the sign-up
    /// form and in the user service, and the pattern the API document publishes.
    /// Judged by scalars, not Characters: a combining mark or an emoji modifier
    /// after "@" or "." joins it into one Character that is neither.
    public static func isPlausibleEmail(_ email: String) -> Bool {
        let scalars = email.unicodeScalars
        let parts = scalars.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, !scalars.contains(where: { $0.properties.isWhitespace }) else {
            return false
        }
        let domain = parts[1].split(separator: ".", omittingEmptySubsequences: false)
        return domain.count >= 2 && domain.allSatisfy { !$0.isEmpty }
    }
}

/// A request whose text fields are checked against `TextRules` before it is used.
public protocol TextFieldsDeclaring {
    /// Every text field, named by its path in the request.
    var textFields: [TextField] { get }
}
