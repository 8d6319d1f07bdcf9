import StoreWire

/// Percent-encoding for path segments and query strings (RFC 3986 unreserved
/// characters pass through; everything else, including "/", "&", "=" and "+", is
/// encoded, byte by byte of its UTF-8). Written in Swift rather than with
/// Foundation's `addingPercentEncoding`, which starts CoreFoundation's string
/// machinery on the way to a client's first page.
enum URLEncoding {
    static func encode(_ text: String) -> String {
        var encoded = ""
        encoded.reserveCapacity(text.utf8.count)
        for byte in text.utf8 {
            if isUnreserved(byte) {
                encoded.unicodeScalars.append(Unicode.Scalar(byte))
            } else {
                encoded += "%" + Hex.uppercase(CollectionOfOne(byte))
            }
        }
        return encoded
    }

    /// A-Z, a-z, 0-9 and "-._~".
    private static func isUnreserved(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
             UInt8(ascii: "0")...UInt8(ascii: "9"),
             UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"):
            return true
        default:
            return false
        }
    }

    /// "a=1&b=x%20y", in the given order.
    static func queryString(_ items: [(String, String)]) -> String {
        items.map { "\(encode($0.0))=\(encode($0.1))" }.joined(separator: "&")
    }

    /// Joins raw segments into an encoded path: ["cart", "v1", "a/b"] → "/cart/v1/a%2Fb".
    static func path(_ segments: String...) -> String {
        "/" + segments.map(encode).joined(separator: "/")
    }
}
