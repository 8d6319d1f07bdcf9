import CCurl
import CurlShim
import Foundation

/// Sends mail to an SMTP server through libcurl (`smtp://host:port` or `smtps://`).
public struct SMTPMailer: Mailer {
    public let url: String
    /// The envelope sender (MAIL FROM).
    public let envelopeFrom: String

    public init(url: String, envelopeFrom: String = "orders@betterstore.test") {
        self.url = url
        self.envelopeFrom = envelopeFrom
    }

    public func send(_ message: EmailMessage) throws {
        guard let handle = curl_easy_init() else { throw MailerError(description: "libcurl could not start") }
        defer { curl_easy_cleanup(handle) }
        let upload = UploadSource(Array(message.rfc5322.utf8))
        let recipients = curl_slist_append(nil, Self.address(message.to))
        defer { curl_slist_free_all(recipients) }
        let raw = UnsafeMutableRawPointer(handle)
        _ = sf_curl_setopt_string(raw, Int32(CURLOPT_URL.rawValue), url)
        _ = sf_curl_setopt_string(raw, Int32(CURLOPT_MAIL_FROM.rawValue), "<\(envelopeFrom)>")
        _ = sf_curl_setopt_pointer(raw, Int32(CURLOPT_MAIL_RCPT.rawValue), UnsafeMutableRawPointer(recipients))
        _ = sf_curl_setopt_long(raw, Int32(CURLOPT_UPLOAD.rawValue), 1)
        _ = sf_curl_setopt_long(raw, Int32(CURLOPT_CONNECTTIMEOUT.rawValue), 10)
        _ = sf_curl_setopt_long(raw, Int32(CURLOPT_TIMEOUT.rawValue), 30)
        _ = sf_curl_setopt_long(raw, Int32(CURLOPT_NOSIGNAL.rawValue), 1)
        _ = sf_curl_setopt_callback(raw, Int32(CURLOPT_READFUNCTION.rawValue), smtpReadCallback)
        let result: CURLcode = withExtendedLifetime(upload) {
            _ = sf_curl_setopt_pointer(raw, Int32(CURLOPT_READDATA.rawValue), Unmanaged.passUnretained(upload).toOpaque())
            return curl_easy_perform(handle)
        }
        guard result == CURLE_OK else {
            throw MailerError(description: "SMTP delivery failed: \(String(cString: curl_easy_strerror(result)))")
        }
    }

    /// The bare address of "Name <address>" or of a plain address, in angle brackets.
    static func address(_ mailbox: String) -> String {
        if let open = mailbox.lastIndex(of: "<"), let close = mailbox.lastIndex(of: ">"), open < close {
            return String(mailbox[open...close])
        }
        return "<\(mailbox.trimmingCharacters(in: .whitespaces))>"
    }
}

/// The message bytes libcurl reads while uploading.
private final class UploadSource {
    let bytes: [UInt8]
    var offset = 0
    init(_ bytes: [UInt8]) { self.bytes = bytes }
}

private let smtpReadCallback: sf_curl_data_callback = { buffer, size, count, userdata in
    guard let buffer, let userdata else { return 0 }
    let source = Unmanaged<UploadSource>.fromOpaque(userdata).takeUnretainedValue()
    let room = size * count
    let remaining = source.bytes.count - source.offset
    let length = min(room, remaining)
    if length > 0 {
        source.bytes.withUnsafeBufferPointer { all in
            guard let start = all.baseAddress else { return }
            UnsafeMutableRawPointer(buffer).copyMemory(from: start + source.offset, byteCount: length)
        }
        source.offset += length
    }
    return length
}
