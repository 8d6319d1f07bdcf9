import Foundation

/// What a payment intent stands for: an order, its owner and the amount to charge.
public struct PaymentIntentClaims: Codable, Hashable, Sendable {
    /// Random nonce binding the client secret to exactly this intent.
    public var jti: String
    public var orderId: String
    /// The user id of the order's owner.
    public var sub: String
    public var amount: Int
    public var currency: String
    public var typ: String
}

/// Payment intents and their client secrets as signed tokens, so the payment
/// service can trust them without a database. The id and the secret are signed
/// with different derived keys: knowing the id never yields the secret.
public struct PaymentIntentTokens: Sendable {
    static let intentKind = "payment-intent"
    static let secretKind = "payment-secret"
    let intentJWT: JWT
    let secretJWT: JWT

    public init(key: SigningKey) {
        intentJWT = JWT(key: key.derived(for: Self.intentKind))
        secretJWT = JWT(key: key.derived(for: Self.secretKind))
    }

    public func issue(orderId: String, userId: String, amount: Int, currency: String) throws -> (id: String, clientSecret: String) {
        let nonce = Base64URL.encode(Crypto.randomBytes(12))
        let intent = PaymentIntentClaims(jti: nonce, orderId: orderId, sub: userId, amount: amount,
                                         currency: currency, typ: Self.intentKind)
        var secret = intent
        secret.typ = Self.secretKind
        return (try intentJWT.sign(intent), try secretJWT.sign(secret))
    }

    /// The claims of a genuine intent id, or nil.
    public func intent(_ id: String) -> PaymentIntentClaims? {
        guard let claims = intentJWT.verify(id, as: PaymentIntentClaims.self), claims.typ == Self.intentKind else { return nil }
        return claims
    }

    /// Whether `secret` is the genuine client secret of `intent`.
    public func secret(_ secret: String, matches intent: PaymentIntentClaims) -> Bool {
        guard let claims = secretJWT.verify(secret, as: PaymentIntentClaims.self), claims.typ == Self.secretKind else {
            return false
        }
        var asIntent = claims
        asIntent.typ = Self.intentKind
        return asIntent == intent
    }
}
