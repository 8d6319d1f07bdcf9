import Foundation

/// Claims of a session token: `sub` is the user id, `exp`/`iat` seconds since 1970.
struct SessionClaims: Codable {
    var sub: String
    var email: String
    var iat: Int
    var exp: Int
    /// Marks the token kind; the derived key already separates kinds, this keeps tokens self-describing.
    var typ: String
}

/// Issues and checks bearer tokens (HS256 JWT with an expiry). Every service
/// that needs a signed-in user shares one of these.
public final class SessionTokens: Sendable {
    public static let defaultLifetime: TimeInterval = 12 * 3600
    static let kind = "session"

    let jwt: JWT
    public let lifetime: TimeInterval

    public init(key: SigningKey, lifetime: TimeInterval = SessionTokens.defaultLifetime) {
        self.jwt = JWT(key: key.derived(for: Self.kind))
        self.lifetime = lifetime
    }

    /// A token for `user`, and when it expires (seconds since 1970).
    public func issue(for user: AuthenticatedUser, now: Date = Date()) throws -> (token: String, expiresAt: Int) {
        let issuedAt = Int(now.timeIntervalSince1970)
        let expiresAt = issuedAt + Int(lifetime)
        let claims = SessionClaims(sub: user.id, email: user.email, iat: issuedAt, exp: expiresAt, typ: Self.kind)
        return (try jwt.sign(claims), expiresAt)
    }

    /// The user of a valid, unexpired token; nil for anything else.
    public func verify(_ token: String, now: Date = Date()) -> AuthenticatedUser? {
        guard let claims = jwt.verify(token, as: SessionClaims.self),
              claims.typ == Self.kind,
              Int(now.timeIntervalSince1970) < claims.exp else { return nil }
        return AuthenticatedUser(id: claims.sub, email: claims.email)
    }

    /// The user named by an `Authorization: Bearer <token>` header value.
    public func verify(authorization header: String?, now: Date = Date()) -> AuthenticatedUser? {
        guard let token = Self.bearerToken(from: header) else { return nil }
        return verify(token, now: now)
    }

    public static func bearerToken(from header: String?) -> String? {
        guard let header = header?.trimmingWhitespace() else { return nil }
        let prefix = "bearer "
        guard header.count > prefix.count, header.lowercased().hasPrefix(prefix) else { return nil }
        let token = header.dropFirst(prefix.count).trimmingWhitespace()
        return token.isEmpty ? nil : token
    }
}
