import Foundation
import StoreCore

/// JSON in and out of the transport, and the mapping of statuses to `APIError`.
struct JSONExchange: Sendable {
    let transport: CurlTransport

    func call<Answer: Decodable>(_ request: HTTPRequest, as type: Answer.Type = Answer.self) throws -> Answer {
        let response = try transport.send(request)
        let label = "\(request.method.rawValue) \(request.path)"
        guard (200..<300).contains(response.status) else {
            throw Self.serviceError(status: response.status, body: response.body, label: label)
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

    /// An error status with the JSON error envelope becomes `.service`; anything else
    /// (an HTML page from a proxy, an empty body) is an answer we cannot read.
    static func serviceError(status: Int, body: Data, label: String) -> APIError {
        if let envelope = try? JSONDecoder().decode(ServiceErrorEnvelope.self, from: body) {
            return .service(status: status, envelope.error)
        }
        return .badResponse("\(label) → HTTP \(status) without a JSON error body")
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
