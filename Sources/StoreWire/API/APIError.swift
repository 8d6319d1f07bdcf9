/// The JSON error body every service answers with:
/// `{"error": {"type": ..., "code": ..., "message": ..., "param": ...}}`.
public struct ServiceError: Codable, Hashable, Sendable, Error {
    /// Broad class: "invalid_request_error", "authentication_error", "card_error",
    /// "not_found", "conflict", "rate_limit_error", "api_error".
    public var type: String
    /// Machine-readable reason, e.g. "card_declined", "out_of_stock", "body_too_large".
    public var code: String
    /// A sentence a person can read.
    public var message: String
    /// The field at fault, when there is one.
    public var param: String?
    public init(type: String, code: String, message: String, param: String? = nil) {
        self.type = type; self.code = code; self.message = message; self.param = param
    }
}

public struct ServiceErrorEnvelope: Codable, Hashable, Sendable {
    public var error: ServiceError
    public init(error: ServiceError) { self.error = error }
}

/// Everything that can go wrong talking to the store, as values the UI can put into words.
public enum APIError: Error, Hashable, Sendable {
    /// No usable answer from the address: refused, DNS, certificate, a gateway whose service is away.
    case unreachable(ConnectionFailure)
    /// The service did not answer in time.
    case timedOut
    /// The service answered with an error status and its JSON error.
    case service(status: Int, ServiceError)
    /// The answer could not be understood (not JSON, wrong shape).
    case badResponse(String)

    /// One short sentence for the status line or a notice.
    public var userMessage: String {
        switch self {
        case .unreachable(let failure): return failure.sentence
        case .timedOut: return "The store took too long to answer."
        case .service(_, let error): return error.message
        case .badResponse: return "The store sent an answer that could not be read."
        }
    }

    public var status: Int? {
        if case .service(let status, _) = self { return status }
        return nil
    }

    public var code: String? {
        if case .service(_, let error) = self { return error.code }
        return nil
    }

    /// A few words for the status line, e.g. "certificate not trusted"; nil for answers the store gave.
    public var connectivitySummary: String? {
        switch self {
        case .unreachable(let failure): return failure.summary
        case .timedOut: return "store timed out"
        default: return nil
        }
    }

    /// True when the service itself could not be reached or answered in time.
    public var isConnectivity: Bool {
        switch self {
        case .unreachable, .timedOut: return true
        default: return false
        }
    }
}
