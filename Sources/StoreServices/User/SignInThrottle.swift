import Foundation

/// How many sign-in failures and sign-ups are allowed, per email and per
/// client address, each per minute. Guessing passwords (for one account from
/// many addresses, or for many accounts from one address) and making accounts
/// in bulk are held to a few a minute; a shopper who mistypes once or twice,
/// or a household behind one address, never notices.
public struct SignInLimits: Sendable, Equatable {
    /// Failed sign-ins for one email.
    public var failuresPerEmail: Int
    /// Failed sign-ins from one client address, whatever the emails.
    public var failuresPerAddress: Int
    /// Sign-ups from one client address, made or refused.
    public var signUpsPerAddress: Int
    /// Sign-ups refused for one email (e.g. already taken).
    public var signUpFailuresPerEmail: Int

    public init(failuresPerEmail: Int = 5, failuresPerAddress: Int = 20, signUpsPerAddress: Int = 20,
                signUpFailuresPerEmail: Int = 5) {
        self.failuresPerEmail = failuresPerEmail
        self.failuresPerAddress = failuresPerAddress
        self.signUpsPerAddress = signUpsPerAddress
        self.signUpFailuresPerEmail = signUpFailuresPerEmail
    }
}

/// The user service's throttle. It is asked before any password is hashed,
/// so a throttled request costs no hashing, and told of each outcome.
/// Requests made in-process carry no client address and are limited by email only.
final class SignInThrottle: Sendable {
    private let signInByEmail: RateLimiter
    private let signInByAddress: RateLimiter
    private let signUpByAddress: RateLimiter
    private let signUpByEmail: RateLimiter

    init(limits: SignInLimits) {
        signInByEmail = RateLimiter(capacity: limits.failuresPerEmail)
        signInByAddress = RateLimiter(capacity: limits.failuresPerAddress)
        signUpByAddress = RateLimiter(capacity: limits.signUpsPerAddress)
        signUpByEmail = RateLimiter(capacity: limits.signUpFailuresPerEmail)
    }

    /// Throws 429 when this email or address has used up its sign-in failures.
    func checkSignIn(email: String, address: String?) throws {
        try check([(signInByEmail, email), (signInByAddress, address)], "sign-ins")
    }

    func signInFailed(email: String, address: String?) {
        signInByEmail.spend(email)
        if let address { signInByAddress.spend(address) }
    }

    /// Throws 429 when this address has made its sign-ups, or this email has used up its failures.
    func checkSignUp(email: String, address: String?) throws {
        try check([(signUpByEmail, email), (signUpByAddress, address)], "sign-ups")
    }

    /// Counts a sign-up that reached the password hash, made or not.
    func signUpAttempted(email: String, address: String?, failed: Bool) {
        if let address { signUpByAddress.spend(address) }
        if failed { signUpByEmail.spend(email) }
    }

    private func check(_ limits: [(RateLimiter, String?)], _ what: String) throws {
        let waits = limits.compactMap { limiter, key in key.flatMap { limiter.retryAfter($0) } }
        if let wait = waits.max() { throw HTTPError.rateLimited(retryAfter: wait, what) }
    }
}
