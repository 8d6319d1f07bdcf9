import Foundation
import StoreWire

/// JSON in and out of the transport, and the mapping of statuses to `APIError`.
struct JSONExchange: Sendable {
    let transport: CurlTransport

    func call<Answer: Decodable>(_ request: HTTPRequest, as type: Answer.Type = Answer.self) throws -> Answer {
        let response = try transport.send(request)
        let label = "\(request.method.rawValue) \(request.path)"
        guard (200..<300).contains(response.status) else {
            throw Self.serviceError(status: response.status, body: response.body, label: label,
                                    endpoint: transport.endpoint)
        }
        do {
            return try JSONDecoder().decode(Answer.self, from: response.body)
        } catch {
            throw APIError.badResponse("\(label) → \(response.status): \(Self.describe(error))")
        }
    }

    static func body<Value: Encodable>(_ value: Value) throws -> Data {
        do {
            return try JSONEncoder().encode(value)
        } catch {
            // Never echo the value: it may be a card.
            throw APIError.badResponse("the request could not be encoded as JSON")
        }
    }

    /// An error status with the JSON error envelope becomes `.service`. A 502, 503
    /// or 504 without it is a gateway (nginx's HTML page) whose service is away:
    /// the store cannot be reached, and retrying is right. Anything else (an
    /// empty body, another page) is an answer we cannot read.
    static func serviceError(status: Int, body: Data, label: String, endpoint: Endpoint) -> APIError {
        if let envelope = try? JSONDecoder().decode(ServiceErrorEnvelope.self, from: body) {
            return .service(status: status, envelope.error)
        }
        let detail = "\(label) → HTTP \(status) without a JSON error body"
        if [502, 503, 504].contains(status) {
            return .unreachable(ConnectionFailure(.gateway(status: status), host: endpoint.host, port: endpoint.port,
                                                  detail: detail))
        }
        return .badResponse(detail)
    }

    /// Decoding errors name the field at fault, never the data.
    private static func describe(_ error: Error) -> String {
        guard let error = error as? DecodingError else { return "not JSON" }
        switch error {
        case .keyNotFound(let key, let context):
            return "missing field \(path(context.codingPath + [key]))"
        case .typeMismatch(_, let context), .valueNotFound(_, let context):
            return "wrong type at \(path(context.codingPath))"
        case .dataCorrupted(let context):
            return context.codingPath.isEmpty ? context.debugDescription : "bad value at \(path(context.codingPath))"
        @unknown default:
            return "not understood"
        }
    }

    private static func path(_ keys: [CodingKey]) -> String {
        keys.isEmpty ? "(top level)" : keys.map { $0.intValue.map(String.init) ?? $0.stringValue }.joined(separator: ".")
    }
}
