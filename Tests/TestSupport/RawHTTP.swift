import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import StoreCore
import StoreServices

/// An answer as it came over the wire.
public struct RawResponse: Sendable {
    public let status: Int
    /// Header names lower-cased.
    public let headers: [String: String]
    public let body: Data

    public init(status: Int, headers: [String: String], body: Data) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    public var text: String { String(decoding: body, as: UTF8.self) }

    /// The header's value; the name is matched case-insensitively.
    public func header(_ name: String) -> String? { headers[name.lowercased()] }

    /// The body decoded as `T`.
    public func decode<T: Decodable>(_ type: T.Type = T.self) throws -> T {
        try JSONDecoder().decode(type, from: body)
    }

    /// The body as a JSON object (`[String: Any]`), or nil when it is not one.
    public var jsonObject: [String: Any]? {
        (try? JSONSerialization.jsonObject(with: body)) as? [String: Any]
    }

    /// The `error` of a JSON error envelope, or nil when the body is not one.
    public var serviceError: ServiceError? {
        (try? JSONDecoder().decode(ServiceErrorEnvelope.self, from: body))?.error
    }
}

public struct RawHTTPError: Error, CustomStringConvertible {
    public let description: String
}

/// Sends any method, path, headers and body bytes and returns the answer as
/// it came, whatever its status. Blocks the calling thread.
public enum RawHTTP {
    public static func send(_ method: String, _ url: String, headers: [String: String] = [:],
                            body: Data? = nil, timeout: TimeInterval = 10) throws -> RawResponse {
        guard let target = URL(string: url) else { throw RawHTTPError(description: "not a URL: \(url)") }
        var request = URLRequest(url: target, timeoutInterval: timeout)
        request.httpMethod = method
        for (name, value) in headers { request.setValue(value, forHTTPHeaderField: name) }
        request.httpBody = body

        let configuration = URLSessionConfiguration.ephemeral
        configuration.timeoutIntervalForRequest = timeout
        let session = URLSession(configuration: configuration)
        defer { session.finishTasksAndInvalidate() }

        final class Outcome: @unchecked Sendable {
            var data: Data?
            var response: URLResponse?
            var error: Error?
        }
        let outcome = Outcome()
        let done = DispatchSemaphore(value: 0)
        session.dataTask(with: request) { data, response, error in
            outcome.data = data
            outcome.response = response
            outcome.error = error
            done.signal()
        }.resume()
        done.wait()

        if let error = outcome.error { throw RawHTTPError(description: "\(method) \(url) failed: \(error)") }
        guard let http = outcome.response as? HTTPURLResponse else {
            throw RawHTTPError(description: "\(method) \(url): no HTTP response")
        }
        var lowered: [String: String] = [:]
        for (name, value) in http.allHeaderFields {
            if let name = name as? String, let value = value as? String { lowered[name.lowercased()] = value }
        }
        return RawResponse(status: http.statusCode, headers: lowered, body: outcome.data ?? Data())
    }

    /// Sends `json` as the body with `Content-Type: application/json`. The
    /// text is sent as is, so it may be deliberately malformed.
    public static func send(_ method: String, _ url: String, json: String, headers: [String: String] = [:],
                            timeout: TimeInterval = 10) throws -> RawResponse {
        var all = headers
        all["Content-Type"] = "application/json"
        return try send(method, url, headers: all, body: Data(json.utf8), timeout: timeout)
    }
}
