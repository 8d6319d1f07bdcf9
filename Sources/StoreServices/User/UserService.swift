import Foundation
import StoreCore

/// `/user/v1`: sign up, sign in and the signed-in user's profile.
public final class UserService: HTTPService, @unchecked Sendable {
    static let badCredentials = "Email or password is incorrect."

    public let store: UserStore
    public let tokens: SessionTokens
    let hasher: PasswordHasher

    public init(store: UserStore, tokens: SessionTokens, hasher: PasswordHasher, seedDemoAccount: Bool = true) throws {
        self.store = store
        self.tokens = tokens
        self.hasher = hasher
        if seedDemoAccount { try seedDemo() }
    }

    public func register(on router: Router) {
        router.post("/user/v1/users") { [self] request in try .json(signUp(request.decode(SignUpRequest.self)), status: 201) }
        router.post("/user/v1/sessions") { [self] request in try .json(signIn(request.decode(SignInRequest.self))) }
        router.get("/user/v1/users/me") { [self] request in
            let id = try request.authenticatedUserID(tokens)
            guard let user = try store.find(id: id) else {
                throw HTTPError.unauthorized(code: "invalid_token", "Your session is not valid or has expired. Sign in again.")
            }
            return try .json(user)
        }
    }

    func signUp(_ request: SignUpRequest) throws -> Session {
        let clean = try SignUpRules.validate(request)
        if try store.find(email: clean.email) != nil { throw emailTaken() }
        let user = User(id: clean.email, email: clean.email, name: clean.name, address: clean.address)
        do {
            try store.insert(user, passwordHash: try hasher.hash(clean.password))
        } catch UserStore.InsertError.emailTaken {
            throw emailTaken()   // two sign-ups raced; the unique constraint decided
        }
        return try session(for: user)
    }

    func signIn(_ request: SignInRequest) throws -> Session {
        let email = SignUpRules.normalisedEmail(request.email)
        guard let found = try store.find(email: email) else {
            hasher.burnEquivalentTime(request.password)
            throw HTTPError.unauthorized(code: "invalid_credentials", Self.badCredentials)
        }
        guard hasher.verify(request.password, against: found.passwordHash) else {
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
