import Foundation

/// One request to the store, before it goes over the wire.
struct HTTPRequest: Sendable {
    var method: HTTPMethod
    /// Path from the service root, already percent-encoded, e.g. "/cart/v1/carts/abc".
    var path: String
    var query: [(String, String)] = []
    var token: String?
    var extraHeaders: [(String, String)] = []
    /// JSON body. May hold card details: never log it or put it in an error.
    var body: Data?

    init(_ method: HTTPMethod, _ path: String, query: [(String, String)] = [], token: String? = nil,
         headers: [(String, String)] = [], body: Data? = nil) {
        self.method = method; self.path = path; self.query = query; self.token = token
        self.extraHeaders = headers; self.body = body
    }

    /// The value of a header the caller set, matched case-insensitively.
    func header(_ name: String) -> String? {
        extraHeaders.first { $0.0.caseInsensitiveCompare(name) == .orderedSame }?.1
    }

    /// The header lines sent with this request.
    var headerLines: [String] {
        var lines = ["Accept: application/json"]
        if body != nil { lines.append("Content-Type: application/json") }
        // No "Expect: 100-continue" round trip before larger bodies.
        lines.append("Expect:")
        if let token { lines.append("Authorization: Bearer \(token)") }
        lines += extraHeaders.map { "\($0.0): \($0.1)" }
        return lines
    }
}

/// What came back: the status and the raw body.
struct HTTPResponse: Sendable {
    var status: Int
    var body: Data
}
