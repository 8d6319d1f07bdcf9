import Foundation

/// Compact HS256 JSON Web Tokens (RFC 7519) over any Codable claims.
public struct JWT: Sendable {
    let key: Data

    public init(key: Data) { self.key = key }

    private struct Header: Codable { var alg: String; var typ: String }
    /// The one header this signs with, as fixed text rather than an encoding that could fail.
    private static let header = Base64URL.encode(Data(#"{"alg":"HS256","typ":"JWT"}"#.utf8))

    /// Throws only when the claims cannot be encoded as JSON.
    public func sign<Claims: Encodable>(_ claims: Claims) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let payload = Base64URL.encode(try encoder.encode(claims))
        let signingInput = Self.header + "." + payload
        return signingInput + "." + Base64URL.encode(Crypto.hmacSHA256(key: key, message: signingInput))
    }

    /// The claims when the signature holds and the header is HS256; nil otherwise.
    /// Expiry is the caller's rule to check, since not every token kind expires.
    public func verify<Claims: Decodable>(_ token: String, as type: Claims.Type = Claims.self) -> Claims? {
        let parts = token.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        guard parts.count == 3,
              let headerData = Base64URL.decode(parts[0]),
              let header = try? JSONDecoder().decode(Header.self, from: headerData),
              header.alg == "HS256",
              let signature = Base64URL.decode(parts[2]) else { return nil }
        let expected = Crypto.hmacSHA256(key: key, message: parts[0] + "." + parts[1])
        guard Crypto.constantTimeEquals(signature, expected),
              let payload = Base64URL.decode(parts[1]) else { return nil }
        return try? JSONDecoder().decode(Claims.self, from: payload)
    }
}
