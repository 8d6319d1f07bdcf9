import Foundation

/// Delivers mail into a local maildir (`tmp/`, `new/`, `cur/`): written to
/// `tmp/` first and renamed into `new/`, so a reader never sees half a message.
public struct MaildirMailer: Mailer {
    public let root: URL

    public init(root: URL) { self.root = root }

    public func send(_ message: EmailMessage) throws {
        let fm = FileManager.default
        for folder in ["tmp", "new", "cur"] {
            try fm.createDirectory(at: root.appendingPathComponent(folder), withIntermediateDirectories: true)
        }
        let unique = "\(Int(Date().timeIntervalSince1970)).\(Base64URL.encode(Crypto.randomBytes(9))).betterstore"
        let temporary = root.appendingPathComponent("tmp").appendingPathComponent(unique)
        let final = root.appendingPathComponent("new").appendingPathComponent(unique)
        try Data(message.rfc5322.utf8).write(to: temporary)
        try fm.moveItem(at: temporary, to: final)
    }
}
