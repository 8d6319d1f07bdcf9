import Foundation
import StoreWire

/// `/user/v1`: sign up, sign in and the signed-in user's profile. Sign-ins
/// and sign-ups are throttled per email and per client address, and their
/// password hashes run through a bounded gate.
public final class UserService: HTTPService, @unchecked Sendable {
    static let badCredentials = "Email or password is incorrect."

    public let store: UserStore
    public let tokens: SessionTokens
    let hasher: PasswordHasher
    let hashing: PasswordHashingGate
    let throttle: SignInThrottle

    public init(store: UserStore, tokens: SessionTokens, hasher: PasswordHasher, hashing: PasswordHashingGate = .init(),
                limits: SignInLimits = .init(), seedDemoAccount: Bool = true) throws {
        self.store = store
        self.tokens = tokens
        self.hasher = hasher
        self.hashing = hashing
        self.throttle = SignInThrottle(limits: limits)
        if seedDemoAccount { try seedDemo() }
    }

    public func register(on router: Router) {
        // Both hash a password: they wait for the hashing gate's slot, and are
        // refused at once while its queue is full.
        let pace = Router.Pace.waitsForRoom { [hashing] in hashing.admits() }
        router.post("/user/v1/users", pace: pace) { [self] request in
            try .json(signUp(request.decode(SignUpRequest.self), from: request.clientAddress), status: 201)
        }
        router.post("/user/v1/sessions", pace: pace) { [self] request in
            try .json(signIn(request.decode(SignInRequest.self), from: request.clientAddress))
        }
        router.get("/user/v1/users/me") { [self] request in
            let id = try request.authenticatedUserID(tokens)
            guard let user = try store.find(id: id) else {
                throw HTTPError.unauthorized(code: "invalid_token", "Your session is not valid or has expired. Sign in again.")
            }
            return try .json(user)
        }
    }

    func signUp(_ request: SignUpRequest, from address: String?) throws -> Session {
        let clean = try SignUpRules.validate(request)
        try throttle.checkSignUp(email: clean.email, address: address)
        if try store.find(email: clean.email) != nil {
            throttle.signUpAttempted(email: clean.email, address: address, failed: true)
            throw emailTaken()
        }
        let user = User(id: clean.email, email: clean.email, name: clean.name, address: clean.address)
        let passwordHash = try hashing.run { [hasher] in try hasher.hash(clean.password) }
        do {
            try store.insert(user, passwordHash: passwordHash)
        } catch UserStore.InsertError.emailTaken {
            throttle.signUpAttempted(email: clean.email, address: address, failed: true)
            throw emailTaken()   // two sign-ups raced; the unique constraint decided
        }
        throttle.signUpAttempted(email: clean.email, address: address, failed: false)
        return try session(for: user)
    }

    func signIn(_ request: SignInRequest, from address: String?) throws -> Session {
        let email = SignUpRules.normalisedEmail(request.email)
        try throttle.checkSignIn(email: email, address: address)
        guard let found = try store.find(email: email) else {
            try hashing.run { [hasher] in hasher.burnEquivalentTime(request.password) }
            throttle.signInFailed(email: email, address: address)
            throw HTTPError.unauthorized(code: "invalid_credentials", Self.badCredentials)
        }
        guard try hashing.run({ [hasher] in hasher.verify(request.password, against: found.passwordHash) }) else {
            throttle.signInFailed(email: email, address: address)
            throw HTTPError.unauthorized(code: "invalid_credentials", Self.badCredentials)
        }
        return try session(for: found.user)
    }

    private func session(for user: User) throws -> Session {
        let issued = try tokens.issue(for: AuthenticatedUser(id: user.id, email: user.email))
        return Session(token: issued.token, expiresAt: issued.expiresAt, user: user)
    }

    private func emailTaken() -> HTTPError {
        .conflict(code: "email_taken", "An account with this email already exists. Sign in instead.", param: "email")
    }

    private func seedDemo() throws {
        guard try store.find(email: DemoAccount.email) == nil else { return }
        let user = User(id: DemoAccount.email, email: DemoAccount.email, name: DemoAccount.name, address: DemoAccount.address)
        do {
            try store.insert(user, passwordHash: try hasher.hash(DemoAccount.password))
        } catch UserStore.InsertError.emailTaken {}
    }
}
