import Foundation

/// One request as a handler sees it: already read in full, with the path
/// parameters the router matched.
public struct HTTPRequest: Sendable {
    /// Upper-case method, e.g. "GET".
    public var method: String
    /// The decoded path without the query, e.g. "/product/v1/products/dune-paperback".
    public var path: String { didSet { pathSegments = Self.segments(of: path) } }
    /// Query parameters, percent-decoded. A repeated name keeps its last value.
    public var query: [String: String]
    /// Header names are lower-cased.
    public var headers: [String: String]
    public var body: Data
    /// Values of the `:name` segments of the matched route.
    public var pathParameters: [String: String]
    /// The IP address the request came from, as text ("127.0.0.1"); nil for a
    /// request made in-process, which no client address throttle applies to.
    public var clientAddress: String?

    public init(method: String, path: String, query: [String: String] = [:], headers: [String: String] = [:],
                body: Data = Data(), pathParameters: [String: String] = [:], clientAddress: String? = nil) {
        self.method = method.uppercased()
        self.path = path
        pathSegments = Self.segments(of: path)
        self.query = query
        self.headers = Dictionary(headers.map { ($0.key.lowercased(), $0.value) }, uniquingKeysWith: { _, last in last })
        self.body = body
        self.pathParameters = pathParameters
        self.clientAddress = clientAddress
    }

    /// Non-empty segments of the path: "/a//b/" gives ["a", "b"]. Split once,
    /// as the router reads them twice (whether the handler waits, then which it is).
    public private(set) var pathSegments: [String]

    /// Split on the "/" byte, not on Characters: a segment that starts with a
    /// combining mark or an emoji modifier would otherwise join the "/" before it.
    /// (The byte of "/" occurs in UTF-8 only as that character, so every piece is whole text.)
    /// A loop over the bytes: the generic `split` and a `Substring` for each piece cost more than
    /// the rest of routing a request.
    static func segments(of path: String) -> [String] {
        var path = path
        return path.withUTF8 { bytes in
            var segments: [String] = []
            var start = 0
            for index in 0...bytes.count where index == bytes.count || bytes[index] == UInt8(ascii: "/") {
                if index > start { segments.append(String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)) }
                start = index + 1
            }
            return segments
        }
    }

    /// The header's value; the name is matched case-insensitively.
    public func header(_ name: String) -> String? { headers[name.lowercased()] }

    /// The token of an `Authorization: Bearer <token>` header, if there is one.
    public var bearerToken: String? {
        guard let value = header("authorization") else { return nil }
        let parts = value.split(separator: " ", maxSplits: 1, omittingEmptySubsequences: true)
        guard parts.count == 2, parts[0].lowercased() == "bearer" else { return nil }
        let token = parts[1].trimmingWhitespace()
        return token.isEmpty ? nil : token
    }

    /// A path parameter the route declares; a missing one is a programming error, answered as a 500.
    public func parameter(_ name: String) throws -> String {
        guard let value = pathParameters[name] else {
            throw HTTPError.internalError("Route parameter '\(name)' is missing.")
        }
        return value
    }

    /// Decodes the JSON body; malformed JSON is a 400, a wrong or missing field a 422,
    /// a text field with control characters or over its limit a 400 naming it.
    public func decode<T: Decodable>(_ type: T.Type) throws -> T {
        try JSONBody.decode(type, from: body)
    }
}
