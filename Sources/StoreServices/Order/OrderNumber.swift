import Foundation

/// Human order numbers such as `TBS-7Q4K2M`: six random Crockford base32
/// characters, which leave out I, L, O and U so a number read aloud or copied
/// by hand cannot be mistaken.
enum OrderNumber {
    static let prefix = "TBS-"
    static let alphabet = Array("0123456789ABCDEFGHJKMNPQRSTVWXYZ")

    static func random() -> String {
        // 32 symbols divide 256 evenly, so taking each byte mod 32 is unbiased.
        prefix + String(Crypto.randomBytes(6).map { alphabet[Int($0) % alphabet.count] })
    }

    static func isWellFormed(_ text: String) -> Bool {
        text.hasPrefix(prefix) && text.count == prefix.count + 6
            && text.dropFirst(prefix.count).allSatisfy { alphabet.contains($0) }
    }
}
