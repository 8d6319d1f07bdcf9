import StoreWire

/// An error a handler throws to answer with a status and the JSON error envelope.
public struct HTTPError: Error, Hashable, Sendable {
    public var status: Int
    public var error: ServiceError
    /// Extra headers for the answer, e.g. `Allow` on a 405.
    public var headers: [String: String]

    public init(status: Int, error: ServiceError, headers: [String: String] = [:]) {
        self.status = status
        self.error = error
        self.headers = headers
    }

    public init(status: Int, type: String, code: String, message: String, param: String? = nil) {
        self.init(status: status, error: ServiceError(type: type, code: code, message: message, param: param))
    }

    /// 400: a request the server cannot make sense of (bad query value, malformed JSON).
    public static func badRequest(code: String, _ message: String, param: String? = nil) -> HTTPError {
        HTTPError(status: 400, type: "invalid_request_error", code: code, message: message, param: param)
    }

    /// 400 for a text value the API never accepts, naming the field: control
    /// characters (`invalid_characters`) or more than its limit (`too_long`).
    /// The message never repeats the value, which may be card data.
    public static func text(_ problem: TextProblem, param: String) -> HTTPError {
        switch problem {
        case .invalidCharacters:
            return .badRequest(code: "invalid_characters",
                               "\(param) contains a control character or line break, which is not allowed.", param: param)
        case .tooLong(let limit):
            return .badRequest(code: "too_long", "\(param) is longer than \(limit) characters.", param: param)
        }
    }

    /// 415: a body whose Content-Type is missing or not JSON.
    public static var unsupportedMediaType: HTTPError {
        HTTPError(status: 415, type: "invalid_request_error", code: "unsupported_media_type",
                  message: "The request body must be JSON (Content-Type: application/json).", param: "Content-Type")
    }

    /// 422: well-formed JSON whose content breaks a rule.
    public static func unprocessable(code: String = "invalid_field", _ message: String, param: String? = nil) -> HTTPError {
        HTTPError(status: 422, type: "invalid_request_error", code: code, message: message, param: param)
    }

    /// 422: an amount (a line or the total) too large to compute or charge.
    public static let amountTooLarge = HTTPError.unprocessable(code: "amount_too_large",
                                                               "The amount is larger than the store can charge.")

    /// 401: no credentials, or credentials that are not valid.
    public static func unauthorized(code: String = "unauthenticated",
                                    _ message: String = "Sign in to do this.") -> HTTPError {
        HTTPError(status: 401, error: ServiceError(type: "authentication_error", code: code, message: message),
                  headers: ["WWW-Authenticate": "Bearer"])
    }

    /// 403: authenticated, but not allowed.
    public static func forbidden(code: String = "forbidden", _ message: String) -> HTTPError {
        HTTPError(status: 403, type: "authentication_error", code: code, message: message)
    }

    /// 404 for a thing that does not exist (or is not the caller's to see).
    public static func notFound(code: String = "not_found", _ message: String) -> HTTPError {
        HTTPError(status: 404, type: "not_found", code: code, message: message)
    }

    /// 409: the request conflicts with the current state (stock, a reused key).
    public static func conflict(code: String, _ message: String, param: String? = nil) -> HTTPError {
        HTTPError(status: 409, type: "conflict", code: code, message: message, param: param)
    }

    /// 405 with the `Allow` header listing the methods the path accepts.
    public static func methodNotAllowed(_ method: String, allowed: [String]) -> HTTPError {
        var error = HTTPError(status: 405, type: "invalid_request_error", code: "method_not_allowed",
                              message: "\(method) is not allowed here. Allowed: \(allowed.joined(separator: ", ")).")
        error.headers["Allow"] = allowed.joined(separator: ", ")
        return error
    }

    /// 429 with `Retry-After`: too many attempts of this kind; `what` names them ("sign-ins").
    public static func rateLimited(retryAfter seconds: Int, _ what: String) -> HTTPError {
        HTTPError(status: 429, error: ServiceError(type: "rate_limit_error", code: "rate_limited",
                                                   message: "Too many \(what) just now. Try again in \(seconds) seconds."),
                  headers: ["Retry-After": String(seconds)])
    }

    /// 503 with `Retry-After`: the server is at capacity for this kind of work; a retry soon will likely succeed.
    public static var busy: HTTPError {
        HTTPError(status: 503, error: ServiceError(type: "api_error", code: "busy",
                                                   message: "The store is busy. Try again in a moment."),
                  headers: ["Retry-After": "1"])
    }

    /// 503 with `Retry-After`: a store the service needs (e.g. the carts' Redis)
    /// does not answer. Where it is stays in the server's log, not in the answer.
    public static func storeUnavailable(_ store: String) -> HTTPError {
        HTTPError(status: 503, error: ServiceError(type: "api_error", code: "store_unavailable",
                                                   message: "The \(store) is unavailable just now. Try again in a moment."),
                  headers: ["Retry-After": "1"])
    }

    /// 413: the body is larger than the host accepts.
    public static func payloadTooLarge(limit: Int) -> HTTPError {
        HTTPError(status: 413, type: "invalid_request_error", code: "body_too_large",
                  message: "The request body is larger than the limit of \(limit) bytes.")
    }

    /// 500: something the server did not expect. The message never carries request data.
    public static func internalError(_ message: String = "The server could not complete the request.") -> HTTPError {
        HTTPError(status: 500, type: "api_error", code: "internal_error", message: message)
    }
}
