import Foundation

/// Slow salted password hashing: PBKDF2-HMAC-SHA256 with a 16-byte salt per
/// password. The iteration count is stored with each hash, so raising it later
/// leaves existing passwords verifiable.
public struct PasswordHasher: Sendable {
    /// OWASP's 2023 recommendation for PBKDF2-HMAC-SHA256.
    public static let defaultIterations = 210_000
    static let scheme = "pbkdf2_sha256"
    static let saltLength = 16

    public let iterations: Int

    /// The most iterations a stored hash may ask for; a hash asking for more
    /// (a damaged or planted row) fails to verify instead of running for hours.
    static let maximumIterations = 10_000_000

    public init(iterations: Int = PasswordHasher.defaultIterations) {
        self.iterations = min(max(1, iterations), Self.maximumIterations)
    }

    /// `pbkdf2_sha256$<iterations>$<salt>$<hash>`, salt and hash in base64url.
    public func hash(_ password: String) throws -> String {
        let salt = Crypto.randomBytes(Self.saltLength)
        let derived = try Crypto.pbkdf2SHA256(password: password, salt: salt, iterations: iterations)
        return [Self.scheme, String(iterations), Base64URL.encode(salt), Base64URL.encode(derived)].joined(separator: "$")
    }

    public func verify(_ password: String, against stored: String) -> Bool {
        let parts = stored.split(separator: "$", omittingEmptySubsequences: false).map(String.init)
        guard parts.count == 4, parts[0] == Self.scheme,
              let storedIterations = Int(parts[1]), (1...Self.maximumIterations).contains(storedIterations),
              let salt = Base64URL.decode(parts[2]), let expected = Base64URL.decode(parts[3]), !expected.isEmpty,
              let derived = try? Crypto.pbkdf2SHA256(password: password, salt: salt, iterations: storedIterations,
                                                     length: expected.count) else { return false }
        return Crypto.constantTimeEquals(derived, expected)
    }

    /// Spends the same time as a real check, so an unknown email answers as slowly as a wrong password.
    public func burnEquivalentTime(_ password: String) {
        _ = try? Crypto.pbkdf2SHA256(password: password, salt: Data(count: Self.saltLength), iterations: iterations)
    }
}
