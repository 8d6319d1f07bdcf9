/// Turns a bearer token into the id of the user it was issued to. Services
/// that need a signed-in user ask it; the user service provides the real one.
public protocol BearerTokenVerifier: AnyObject, Sendable {
    /// The user id the token belongs to, or nil when the token is malformed,
    /// forged or expired.
    func userID(forToken token: String) -> String?
}

/// Accepts no token. Used until a real verifier is wired in.
public final class RejectingTokenVerifier: BearerTokenVerifier {
    public init() {}
    public func userID(forToken token: String) -> String? { nil }
}

extension HTTPRequest {
    /// The signed-in user's id, or a 401 when the token is missing or not valid.
    public func authenticatedUserID(_ verifier: BearerTokenVerifier) throws -> String {
        guard let token = bearerToken else {
            throw HTTPError.unauthorized(code: "missing_token", "Sign in to do this: the request has no bearer token.")
        }
        guard let userID = verifier.userID(forToken: token) else {
            throw HTTPError.unauthorized(code: "invalid_token", "Your session is not valid or has expired. Sign in again.")
        }
        return userID
    }
}
