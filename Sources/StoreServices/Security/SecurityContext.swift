import Foundation

/// The signing material of one shop, made from the key in the data directory:
/// session tokens, payment intents and event signatures, each on its own derived key.
public final class SecurityContext: Sendable {
    public let signingKey: SigningKey
    public let sessions: SessionTokens
    public let paymentIntents: PaymentIntentTokens
    public let eventSignature: EventSignature

    public init(dataDirectory: URL, sessionLifetime: TimeInterval = SessionTokens.defaultLifetime) throws {
        signingKey = try SigningKey.loadOrCreate(in: dataDirectory)
        sessions = SessionTokens(key: signingKey, lifetime: sessionLifetime)
        paymentIntents = PaymentIntentTokens(key: signingKey)
        eventSignature = EventSignature(key: signingKey)
    }
}
