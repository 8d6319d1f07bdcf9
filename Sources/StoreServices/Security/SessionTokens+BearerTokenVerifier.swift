/// Lets every service that needs a signed-in user check our session tokens.
extension SessionTokens: BearerTokenVerifier {
    public func userID(forToken token: String) -> String? { verify(token)?.id }
}
