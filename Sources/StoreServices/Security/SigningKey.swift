import Foundation

/// The services' secret: 32 random bytes made on first start in the data
/// directory (mode 0600) and reused after a restart, so tokens and payment
/// intents stay valid across restarts. Each use gets its own derived key, so a
/// token of one kind can never pass as another.
public struct SigningKey: Sendable {
    public static let fileName = "signing.key"
    static let length = 32

    let master: Data

    public init(master: Data) { self.master = master }

    /// Loads the key from `directory`, creating it on first start.
    public static func loadOrCreate(in directory: URL) throws -> SigningKey {
        let url = directory.appendingPathComponent(fileName)
        if let existing = try? Data(contentsOf: url), existing.count == length {
            return SigningKey(master: existing)
        }
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let fresh = Crypto.randomBytes(length)
        // Create with 0600 from the start: no moment where the key is world-readable.
        guard FileManager.default.createFile(atPath: url.path, contents: fresh,
                                             attributes: [.posixPermissions: 0o600]) else {
            throw SigningKeyError.cannotWrite(url.path)
        }
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: url.path)
        return SigningKey(master: fresh)
    }

    /// A key for one purpose ("session", "payment-intent", "payment-event").
    public func derived(for purpose: String) -> Data {
        Crypto.hmacSHA256(key: master, message: "betterstore/" + purpose)
    }
}

public enum SigningKeyError: Error, CustomStringConvertible {
    case cannotWrite(String)
    public var description: String {
        switch self {
        case .cannotWrite(let path): return "cannot write the signing key at \(path)"
        }
    }
}
