import Foundation

/// A plain-text RFC 5322 message (UTF-8 body, quoted-printable so every line is 7-bit safe).
public struct EmailMessage: Sendable {
    public var from: String
    public var to: String
    public var subject: String
    public var messageID: String
    public var date: Date
    public var body: String

    public init(from: String, to: String, subject: String, messageID: String, date: Date, body: String) {
        self.from = from; self.to = to; self.subject = subject; self.messageID = messageID
        self.date = date; self.body = body
    }

    /// The message as it goes on the wire and into a maildir file, CRLF line ends.
    public var rfc5322: String {
        let headers = [
            "Date: \(Self.rfc5322Date(date))",
            "From: \(from)",
            "To: \(to)",
            "Subject: \(Self.encodedWord(subject))",
            "Message-ID: <\(messageID)>",
            "MIME-Version: 1.0",
            "Content-Type: text/plain; charset=UTF-8",
            "Content-Transfer-Encoding: quoted-printable",
        ]
        return headers.joined(separator: "\r\n") + "\r\n\r\n" + Self.quotedPrintable(body) + "\r\n"
    }

    static func rfc5322Date(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss '+0000'"
        return formatter.string(from: date)
    }

    /// RFC 2047 encoded word when the subject is not plain ASCII.
    static func encodedWord(_ text: String) -> String {
        if text.unicodeScalars.allSatisfy({ $0.isASCII && $0.value >= 32 }) { return text }
        return "=?UTF-8?B?\(Data(text.utf8).base64EncodedString())?="
    }

    /// RFC 2045 quoted-printable, soft-wrapping lines at 76 characters.
    static func quotedPrintable(_ text: String) -> String {
        let lines = text.replacingOccurrences(of: "\r\n", with: "\n").split(separator: "\n", omittingEmptySubsequences: false)
        return lines.map { line -> String in
            var out = ""
            var current = 0
            let bytes = Array(line.utf8)
            for (index, byte) in bytes.enumerated() {
                let isLast = index == bytes.count - 1
                let plain = (byte >= 33 && byte <= 126 && byte != 61) || (byte == 32 && !isLast)
                let piece = plain ? String(UnicodeScalar(byte)) : String(format: "=%02X", byte)
                if current + piece.count > 75 { out += "=\r\n"; current = 0 }
                out += piece
                current += piece.count
            }
            return out
        }.joined(separator: "\r\n")
    }
}
