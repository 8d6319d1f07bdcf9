import Foundation
import StoreWire

/// Signs and checks service-to-service event bodies (the payment service's
/// events to the order service). Header value: `t=<unix seconds>,v1=<hex HMAC-SHA256 of "t.body">`;
/// the timestamp bounds how long a captured event can be replayed.
public struct EventSignature: Sendable {
    public static let headerName = "Payment-Signature"
    public static let tolerance: TimeInterval = 300
    static let kind = "payment-event"
    let key: Data

    public init(key: SigningKey) { self.init(key: key, purpose: Self.kind) }

    /// The same scheme on a key of its own for another purpose (see `PeerSignature`).
    init(key: SigningKey, purpose: String) { self.key = key.derived(for: purpose) }

    public func sign(_ body: Data, now: Date = Date()) -> String {
        let timestamp = Int(now.timeIntervalSince1970)
        return "t=\(timestamp),v1=\(Self.hex(mac(body, timestamp: timestamp)))"
    }

    public func isValid(_ header: String?, for body: Data, now: Date = Date()) -> Bool {
        guard let header else { return false }
        var timestamp: Int?
        var signature: String?
        for part in header.split(separator: ",") {
            let pair = part.split(separator: "=", maxSplits: 1).map { $0.trimmingWhitespace() }
            guard pair.count == 2 else { continue }
            if pair[0] == "t" { timestamp = Int(pair[1]) }
            if pair[0] == "v1" { signature = pair[1] }
        }
        guard let timestamp, let signature, let given = Self.unhex(signature),
              abs(now.timeIntervalSince1970 - TimeInterval(timestamp)) <= Self.tolerance else { return false }
        return Crypto.constantTimeEquals(given, mac(body, timestamp: timestamp))
    }

    private func mac(_ body: Data, timestamp: Int) -> Data {
        Crypto.hmacSHA256(key: key, message: Data("\(timestamp).".utf8) + body)
    }

    static func hex(_ data: Data) -> String { Hex.lowercase(data) }

    static func unhex(_ text: String) -> Data? {
        guard text.count % 2 == 0 else { return nil }
        var bytes = [UInt8]()
        var index = text.startIndex
        while index < text.endIndex {
            let next = text.index(index, offsetBy: 2)
            guard let byte = UInt8(text[index..<next], radix: 16) else { return nil }
            bytes.append(byte)
            index = next
        }
        return Data(bytes)
    }
}
