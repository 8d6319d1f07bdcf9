import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The shop's data is its shoppers' data: the data directory and every
/// folder in it are readable by the owner only (0700), and every file — the
/// databases with their WAL and SHM files, mail, the signing key — too (0600).
/// Files are created with that mode, never widened and then narrowed.
public enum PrivateFiles {
    public static let directoryMode: mode_t = 0o700
    public static let fileMode: mode_t = 0o600

    public enum Failure: Error, CustomStringConvertible {
        case cannotCreate(String, Int32)
        case cannotWrite(String, Int32)

        public var description: String {
            switch self {
            case .cannotCreate(let path, let code): return "cannot create \(path): \(String(cString: strerror(code)))"
            case .cannotWrite(let path, let code): return "cannot write \(path): \(String(cString: strerror(code)))"
            }
        }
    }

    /// Creates the folder (and any missing parents) and makes it owner-only.
    public static func makeDirectory(_ url: URL) throws {
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        chmod(url.path, directoryMode)
    }

    /// Creates an empty owner-only file unless one exists, and narrows an existing one to owner-only.
    public static func prepareFile(_ path: String) throws {
        let descriptor = open(path, O_CREAT | O_WRONLY | O_CLOEXEC, fileMode)
        guard descriptor >= 0 else { throw Failure.cannotCreate(path, errno) }
        fchmod(descriptor, fileMode)
        close(descriptor)
    }

    /// Narrows an existing file to owner-only; nothing happens when there is none.
    public static func restrict(_ path: String) {
        chmod(path, fileMode)
    }

    /// Writes a new owner-only file; fails when the file exists.
    public static func writeNewFile(_ url: URL, _ data: Data) throws {
        let descriptor = open(url.path, O_CREAT | O_EXCL | O_WRONLY | O_CLOEXEC, fileMode)
        guard descriptor >= 0 else { throw Failure.cannotCreate(url.path, errno) }
        defer { close(descriptor) }
        var written = 0
        try data.withUnsafeBytes { buffer in
            while written < buffer.count {
                guard let base = buffer.baseAddress else { return }
                let count = write(descriptor, base + written, buffer.count - written)
                if count < 0 {
                    if errno == EINTR { continue }
                    throw Failure.cannotWrite(url.path, errno)
                }
                written += count
            }
        }
    }
}
