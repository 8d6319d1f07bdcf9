/// Hexadecimal, two digits a byte: lower-case for trace and span ids, signatures
/// and random ids; upper-case for percent-encoding (RFC 3986 2.1). Written
/// directly, as `String(format:)` per byte cost a checkout more than the HMACs
/// whose digests it wrote.
public enum Hex {
    public static func lowercase<Bytes: Sequence>(_ bytes: Bytes) -> String where Bytes.Element == UInt8 {
        write(bytes, digits: lowercaseDigits)
    }

    public static func uppercase<Bytes: Sequence>(_ bytes: Bytes) -> String where Bytes.Element == UInt8 {
        write(bytes, digits: uppercaseDigits)
    }

    private static func write<Bytes: Sequence>(_ bytes: Bytes, digits: [UInt8]) -> String where Bytes.Element == UInt8 {
        var text: [UInt8] = []
        text.reserveCapacity(bytes.underestimatedCount * 2)
        for byte in bytes {
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: text, as: UTF8.self)
    }

    private static let lowercaseDigits = Array("0123456789abcdef".utf8)
    private static let uppercaseDigits = Array("0123456789ABCDEF".utf8)
}
