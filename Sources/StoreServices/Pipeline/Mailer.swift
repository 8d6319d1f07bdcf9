import Foundation

/// Sends an email. Delivery is part of an at-least-once pipeline, so a mailer
/// throws on failure and the dispatcher tries again later.
public protocol Mailer: Sendable {
    func send(_ message: EmailMessage) throws
}

public struct MailerError: Error, CustomStringConvertible {
    public var description: String
}
