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

    /// `Tue, 02 Dec 2026 14:05:09 +0000`, from the UTC calendar fields, without a
    /// DateFormatter per message (making one opens an ICU date format).
    static func rfc5322Date(_ date: Date) -> String {
        var seconds = time_t(min(max(date.timeIntervalSince1970.rounded(.down), -1e12), 1e12))
        var parts = tm()
        gmtime_r(&seconds, &parts)
        let days = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        func two(_ value: Int32) -> String { value < 10 ? "0\(value)" : "\(value)" }
        let year = String(parts.tm_year + 1900)
        return "\(days[Int(parts.tm_wday) % 7]), \(two(parts.tm_mday)) \(months[Int(parts.tm_mon) % 12]) "
            + String(repeating: "0", count: max(0, 4 - year.count)) + year
            + " \(two(parts.tm_hour)):\(two(parts.tm_min)):\(two(parts.tm_sec)) +0000"
    }

    /// RFC 2047 encoded word when the subject is not plain ASCII.
    static func encodedWord(_ text: String) -> String {
        if text.unicodeScalars.allSatisfy({ $0.isASCII && $0.value >= 32 }) { return text }
        return "=?UTF-8?B?\(Data(text.utf8).base64EncodedString())?="
    }

    /// CRLF line ends. Dot-stuffing is SMTP's transfer concern, done by libcurl; a maildir keeps the text as is.
    static func crlfLines(_ text: String) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count + text.utf8.count / 16)
        var afterCR = false
        for byte in text.utf8 {
            if byte == UInt8(ascii: "\n"), !afterCR { bytes.append(UInt8(ascii: "\r")) }
            bytes.append(byte)
            afterCR = byte == UInt8(ascii: "\r")
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
