import Foundation

/// The signing material of one shop, made from the shared key (`--secret-file`)
/// or else the key in the data directory: session tokens, payment intents,
/// event and peer-call signatures, each on its own derived key.
public final class SecurityContext: Sendable {
    public let signingKey: SigningKey
    public let sessions: SessionTokens
    public let paymentIntents: PaymentIntentTokens
    public let eventSignature: EventSignature
    public let peerSignature: PeerSignature

    public init(dataDirectory: URL, sharedKey: SigningKey? = nil,
                sessionLifetime: TimeInterval = SessionTokens.defaultLifetime) throws {
        signingKey = try sharedKey ?? SigningKey.loadOrCreate(in: dataDirectory)
        sessions = SessionTokens(key: signingKey, lifetime: sessionLifetime)
        paymentIntents = PaymentIntentTokens(key: signingKey)
        eventSignature = EventSignature(key: signingKey)
        peerSignature = PeerSignature(key: signingKey)
    }
}
