import StoreWire

extension StoreClient {
    public func signUp(_ request: SignUpRequest) throws -> Session {
        try json.call(HTTPRequest(.post, "/user/v1/users", body: JSONExchange.body(request)))
    }

    public func signIn(_ request: SignInRequest) throws -> Session {
        try json.call(HTTPRequest(.post, "/user/v1/sessions", body: JSONExchange.body(request)))
    }

    public func me(token: String) throws -> User {
        try json.call(HTTPRequest(.get, "/user/v1/users/me", token: token))
    }
}
