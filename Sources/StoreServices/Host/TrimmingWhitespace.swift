import Foundation

extension StringProtocol {
    /// The same as `trimmingCharacters(in: .whitespaces)`, without going
    /// through NSString when neither end is whitespace, the usual case for a
    /// header or id (a tab or a space is the only ASCII character of the set;
    /// any other end character is left to Foundation).
    func trimmingWhitespace() -> String {
        if let first = unicodeScalars.first, let last = unicodeScalars.last,
           Self.isPlainEnd(first), Self.isPlainEnd(last) {
            return String(self)
        }
        return trimmingCharacters(in: .whitespaces)
    }

    private static func isPlainEnd(_ scalar: Unicode.Scalar) -> Bool {
        scalar.isASCII && scalar != " " && scalar != "\t"
    }
}
