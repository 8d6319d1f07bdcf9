import Foundation

/// Delivers mail into a local maildir (`tmp/`, `new/`, `cur/`): written to
/// `tmp/` first and renamed into `new/`, so a reader never sees half a message.
/// The file is named after the message id, so a message sent again (the
/// pipeline delivers at least once, e.g. after a crash between sending and
/// recording) replaces itself instead of arriving twice.
public struct MaildirMailer: Mailer {
    public let root: URL

    public init(root: URL) { self.root = root }

    public func send(_ message: EmailMessage) throws {
        let fm = FileManager.default
        try Self.prepared.once(root.path) { try prepareFolders() }
        let name = Self.fileName(for: message)
        let final = root.appendingPathComponent("new").appendingPathComponent(name)
        // Already delivered, and perhaps already read (moved to cur/ with flags after a colon).
        if fm.fileExists(atPath: final.path) { return }
        let read = (try? fm.contentsOfDirectory(atPath: root.appendingPathComponent("cur").path)) ?? []
        if read.contains(where: { $0 == name || $0.hasPrefix(name + ":") }) { return }
        let temporary = root.appendingPathComponent("tmp")
            .appendingPathComponent(name + "." + Base64URL.encode(Crypto.randomBytes(6)))
        do {
            try PrivateFiles.writeNewFile(temporary, Data(message.rfc5322.utf8))
        } catch PrivateFiles.Failure.cannotCreate(_, ENOENT) {
            // The maildir was removed since this process made it: made again.
            try prepareFolders()
            try PrivateFiles.writeNewFile(temporary, Data(message.rfc5322.utf8))
        }
        // rename(2) replaces a file of the same name atomically, so two deliveries racing end as one message.
        guard rename(temporary.path, final.path) == 0 else {
            try? fm.removeItem(at: temporary)
            throw MailerError(description: "cannot move the message into \(final.deletingLastPathComponent().path)")
        }
    }

    /// `tmp/`, `new/` and `cur/`, owner-only like the maildir itself.
    private func prepareFolders() throws {
        for folder in ["tmp", "new", "cur"] {
            try PrivateFiles.makeDirectory(root.appendingPathComponent(folder))
        }
        chmod(root.path, PrivateFiles.directoryMode)
    }

    /// The maildirs this process has made ready: once each, not on every message.
    private static let prepared = OnceEach()

    /// A maildir file name from the message id: letters, digits, dots and dashes only.
    static func fileName(for message: EmailMessage) -> String {
        let safe = message.messageID.map { $0.isLetter && $0.isASCII || $0.isASCIIDigit || $0 == "." || $0 == "-" ? $0 : "_" }
        return String(safe) + ".betterstore"
    }
}

/// Runs a preparation once per key for the life of the process; a preparation that throws is tried again next time.
final class OnceEach: @unchecked Sendable {
    private let lock = NSLock()
    private var done = Set<String>()

    func once(_ key: String, _ prepare: () throws -> Void) throws {
        lock.lock(); defer { lock.unlock() }
        guard !done.contains(key) else { return }
        try prepare()
        done.insert(key)
    }
}
