import Foundation

/// Signs the internal calls between services (stock reservations, reading and
/// trimming a shopper's cart), which carry no shopper's token: the
/// `EventSignature` scheme on a key of its own, over the method, the path and
/// the body, so a signed call cannot be replayed to another route.
public struct PeerSignature: Sendable {
    public static let headerName = "Peer-Signature"
    static let purpose = "peer-call"
    let scheme: EventSignature

    public init(key: SigningKey) { scheme = EventSignature(key: key, purpose: Self.purpose) }

    /// The request with its signature header added.
    public func signed(_ request: HTTPRequest) -> HTTPRequest {
        var signed = request
        signed.headers[Self.headerName.lowercased()] = scheme.sign(Self.message(request))
        return signed
    }

    /// Refuses a request without a valid signature: 401 `invalid_signature`.
    public func check(_ request: HTTPRequest) throws {
        guard scheme.isValid(request.header(Self.headerName), for: Self.message(request)) else {
            throw HTTPError.unauthorized(code: "invalid_signature", "The call's signature is missing or not valid.")
        }
    }

    private static func message(_ request: HTTPRequest) -> Data {
        Data("\(request.method) \(request.path)\n".utf8) + request.body
    }
}
