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

    /// Loads the key from `directory`, creating it on first start. A key file
    /// that exists but cannot be read, or does not hold a key, stops the
    /// start-up with an error naming it: replacing it silently would sign
    /// every shopper out and orphan every payment intent in flight.
    public static func loadOrCreate(in directory: URL) throws -> SigningKey {
        let url = directory.appendingPathComponent(fileName)
        if FileManager.default.fileExists(atPath: url.path) {
            let existing: Data
            do {
                existing = try Data(contentsOf: url)
            } catch {
                throw SigningKeyError.unreadable(url.path, reason: (error as NSError).localizedDescription)
            }
            guard existing.count == length else { throw SigningKeyError.malformed(url.path, bytes: existing.count) }
            PrivateFiles.restrict(url.path)
            return SigningKey(master: existing)
        }
        try PrivateFiles.makeDirectory(directory)
        let fresh = Crypto.randomBytes(length)
        // Created owner-only from the start: no moment where the key is readable by others.
        do {
            try PrivateFiles.writeNewFile(url, fresh)
        } catch {
            throw SigningKeyError.cannotWrite(url.path)
        }
        return SigningKey(master: fresh)
    }

    /// A key for one purpose ("session", "payment-intent", "payment-event").
    public func derived(for purpose: String) -> Data {
        Crypto.hmacSHA256(key: master, message: "betterstore/" + purpose)
    }
}

public enum SigningKeyError: Error, CustomStringConvertible {
    case cannotWrite(String)
    case unreadable(String, reason: String)
    case malformed(String, bytes: Int)

    public var description: String {
        switch self {
        case .cannotWrite(let path):
            return "cannot write the signing key at \(path)"
        case .unreadable(let path, let reason):
            return "cannot read the signing key at \(path) (\(reason)); restore it, or delete it to sign everyone out and start with a new key"
        case .malformed(let path, let bytes):
            return "the signing key at \(path) holds \(bytes) bytes, not \(SigningKey.length); restore it, or delete it to sign everyone out and start with a new key"
        }
    }
}
