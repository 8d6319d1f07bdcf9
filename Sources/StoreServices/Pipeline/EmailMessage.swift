import Foundation

/// A plain-text RFC 5322 message with a UTF-8 body sent as 8bit (RFC 6152), so the
/// receipt in the maildir reads as it is; lines stay far below the 998-octet limit.
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
            "Content-Transfer-Encoding: 8bit",
        ]
        return headers.joined(separator: "\r\n") + "\r\n\r\n" + Self.crlfLines(body) + "\r\n"
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

    /// CRLF line ends. Dot-stuffing is SMTP's transfer concern, done by libcurl; a maildir keeps the text as is.
    static func crlfLines(_ text: String) -> String {
        text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\n", with: "\r\n")
    }
}
