import Foundation

/// The path and query of a request, decoded from the request target exactly
/// as the client sent it. libmicrohttpd decodes them too, but into C strings
/// that end at an encoded NUL ("%00"), so a value would arrive silently cut
/// short; decoded here, a NUL stays in the value and is refused by name.
struct RequestTarget: Equatable {
    /// The percent-decoded path, e.g. "/product/v1/products/三体".
    var path: String
    /// Query parameters, percent-decoded with "+" as a space. A name without
    /// "=" has the empty value; a repeated name keeps its last value.
    var query: [String: String]

    /// Split on the bytes of "?", "&" and "=", not on Characters: cheaper, and a
    /// combining mark after one of them cannot join it (those bytes occur in
    /// UTF-8 only as those characters).
    init(raw: String) {
        let parts = raw.utf8.split(separator: UInt8(ascii: "?"), maxSplits: 1, omittingEmptySubsequences: false)
        path = Self.decode(parts.first ?? Substring().utf8, plusIsSpace: false)
        query = [:]
        guard parts.count == 2 else { return }
        for pair in parts[1].split(separator: UInt8(ascii: "&"), omittingEmptySubsequences: true) {
            let nameAndValue = pair.split(separator: UInt8(ascii: "="), maxSplits: 1, omittingEmptySubsequences: false)
            let name = Self.decode(nameAndValue[0], plusIsSpace: true)
            query[name] = nameAndValue.count == 2 ? Self.decode(nameAndValue[1], plusIsSpace: true) : ""
        }
    }

    /// "%XX" becomes the byte XX; a "%" not followed by two hex digits stays as
    /// it is, as libmicrohttpd leaves it. Bytes that are not UTF-8 become U+FFFD.
    static func decode(_ input: Substring.UTF8View, plusIsSpace: Bool) -> String {
        let escaped = input.contains { $0 == UInt8(ascii: "%") || (plusIsSpace && $0 == UInt8(ascii: "+")) }
        guard escaped else { return String(Substring(input)) }
        let input = Array(input)
        var bytes: [UInt8] = []
        bytes.reserveCapacity(input.count)
        var index = 0
        while index < input.count {
            let byte = input[index]
            if byte == UInt8(ascii: "%"), index + 2 < input.count,
               let high = hexValue(input[index + 1]), let low = hexValue(input[index + 2]) {
                bytes.append(high << 4 | low)
                index += 3
            } else {
                bytes.append(plusIsSpace && byte == UInt8(ascii: "+") ? UInt8(ascii: " ") : byte)
                index += 1
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return byte - UInt8(ascii: "A") + 10
        default: return nil
        }
    }
}
