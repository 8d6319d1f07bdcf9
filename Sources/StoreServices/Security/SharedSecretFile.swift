import Foundation

/// The signing key shared by instances of the services (`--secret-file`), so a
/// token one process signs verifies in every other. The file holds the 32 key
/// bytes, raw or as 64 hex digits (e.g. from `openssl rand -hex 32`); the
/// services only read it.
public enum SharedSecretFile {
    public static let environmentVariable = "BETTERSTORE_SECRET_FILE"

    public static func load(_ path: String) throws -> SigningKey {
        let contents: Data
        do {
            contents = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw SharedSecretError(path: path, problem: "cannot be read (\((error as NSError).localizedDescription))")
        }
        if contents.count == SigningKey.length { return SigningKey(master: contents) }
        let text = String(decoding: contents, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        if text.count == SigningKey.length * 2, let bytes = EventSignature.unhex(text) {
            return SigningKey(master: bytes)
        }
        throw SharedSecretError(path: path, problem: "holds neither \(SigningKey.length) bytes nor "
                                    + "\(SigningKey.length * 2) hex digits (make one with: openssl rand -hex 32 > FILE)")
    }
}

public struct SharedSecretError: Error, CustomStringConvertible {
    public let path: String
    public let problem: String
    public var description: String { "the secret file \(path) \(problem)" }
}
