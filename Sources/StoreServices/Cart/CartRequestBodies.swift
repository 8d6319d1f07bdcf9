import Foundation
import StoreWire

/// `PUT /cart/v1/carts/{id}/items/{productId}`
struct SetQuantityBody: Decodable {
    var quantity: Int

    /// The body every client sends, `{"quantity": N}` with N a small whole
    /// number, is read directly: Codable cost more than the rest of the change.
    /// Any other body goes through `JSONBody.decode`, so its errors (and what
    /// it accepts) are the decoder's; the range of N is checked by the change itself.
    static func read(_ body: Data) throws -> SetQuantityBody {
        if let quantity = body.withUnsafeBytes({ plainQuantity(in: $0) }) { return SetQuantityBody(quantity: quantity) }
        return try JSONBody.decode(Self.self, from: body)
    }

    /// N of a body that is exactly one object holding `"quantity": N`, N of
    /// one to four digits without a leading zero (JSON whitespace anywhere
    /// JSON allows it); nil for anything else.
    static func plainQuantity(in bytes: UnsafeRawBufferPointer) -> Int? {
        var index = 0
        func skipWhitespace() {
            while index < bytes.count {
                let byte = bytes[index]
                guard byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 else { return }
                index += 1
            }
        }
        func expect(_ text: StaticString) -> Bool {
            let count = text.utf8CodeUnitCount
            guard bytes.count - index >= count else { return false }
            for offset in 0..<count where bytes[index + offset] != text.utf8Start[offset] { return false }
            index += count
            return true
        }
        skipWhitespace()
        guard expect("{") else { return nil }
        skipWhitespace()
        guard expect("\"quantity\"") else { return nil }
        skipWhitespace()
        guard expect(":") else { return nil }
        skipWhitespace()
        let digitsStart = index
        var quantity = 0
        while index < bytes.count, (0x30...0x39).contains(bytes[index]), index - digitsStart < 4 {
            quantity = quantity * 10 + Int(bytes[index] - 0x30)
            index += 1
        }
        let digits = index - digitsStart
        guard digits > 0, bytes[digitsStart] != 0x30 || digits == 1 else { return nil }
        skipWhitespace()
        guard expect("}") else { return nil }
        skipWhitespace()
        return index == bytes.count ? quantity : nil
    }
}

/// `POST /cart/v1/carts/mine/merge`
struct MergeCartBody: Decodable, TextFieldsDeclaring {
    var cartId: String
    var textFields: [TextField] { [TextField("cartId", cartId, limit: TextLimits.identifier)] }
}
