/// The signed-in user a valid bearer token names.
public struct AuthenticatedUser: Hashable, Sendable {
    public var id: String
    public var email: String
    public init(id: String, email: String) { self.id = id; self.email = email }
}
