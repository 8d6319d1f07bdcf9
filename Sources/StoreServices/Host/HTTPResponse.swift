import Foundation
import StoreWire

/// What a handler answers. Bodies are JSON unless a handler says otherwise.
public struct HTTPResponse: Sendable {
    public var status: Int
    /// Header names as they should be sent.
    public var headers: [String: String]
    public var body: Data

    public init(status: Int, headers: [String: String] = [:], body: Data = Data()) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    /// A JSON answer with `Content-Type: application/json`.
    public static func json<T: Encodable>(_ value: T, status: Int = 200, headers: [String: String] = [:]) throws -> HTTPResponse {
        var all = headers
        all["Content-Type"] = jsonContentType
        return HTTPResponse(status: status, headers: all, body: try JSONBody.encode(value))
    }

    /// A JSON answer whose body is written already (see `JSONOutput`).
    public static func json(encoded body: [UInt8], status: Int = 200) -> HTTPResponse {
        HTTPResponse(status: status, headers: ["Content-Type": jsonContentType], body: Data(body))
    }

    /// The JSON error envelope for an error value. Never throws: encoding the
    /// envelope cannot fail, and if it somehow did a fixed body is sent.
    public static func error(_ error: HTTPError) -> HTTPResponse {
        var headers = error.headers
        headers["Content-Type"] = jsonContentType
        let body = (try? JSONBody.encode(ErrorEnvelopeBody(error: error.error)))
            ?? Data(#"{"error":{"type":"api_error","code":"internal_error","message":"Internal error."}}"#.utf8)
        return HTTPResponse(status: error.status, headers: headers, body: body)
    }

    static let jsonContentType = "application/json; charset=utf-8"

    /// 204 with no body.
    public static let noContent = HTTPResponse(status: 204)
}

/// The error envelope as sent: every field present, `param` as null when no
/// field is at fault, so clients in any language see one shape.
private struct ErrorEnvelopeBody: Encodable {
    let error: ServiceError

    private enum Keys: String, CodingKey { case error, type, code, message, param }

    func encode(to encoder: Encoder) throws {
        var outer = encoder.container(keyedBy: Keys.self)
        var inner = outer.nestedContainer(keyedBy: Keys.self, forKey: .error)
        try inner.encode(error.type, forKey: .type)
        try inner.encode(error.code, forKey: .code)
        try inner.encode(error.message, forKey: .message)
        try inner.encode(error.param, forKey: .param)
    }
}
