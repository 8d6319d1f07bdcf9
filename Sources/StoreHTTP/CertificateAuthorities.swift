import Foundation
import StoreWire

/// The certificate authorities an https:// store's certificate must come from.
/// libcurl reads no environment variable for this — curl(1) does — so the
/// storefront chooses as curl(1) does: `--cacert FILE`, else `CURL_CA_BUNDLE`,
/// else `SSL_CERT_FILE`, else the system's (libcurl's built-in default). The
/// file is given to libcurl as CURLOPT_CAINFO; the system's certificate folder
/// stays in use beside it.
public struct CertificateAuthorities: Hashable, Sendable {
    /// A PEM file of CA certificates; nil for the system's.
    public let file: String?
    /// Where the file was named: "--cacert", "CURL_CA_BUNDLE" or "SSL_CERT_FILE".
    public let source: String?

    public static let system = CertificateAuthorities(file: nil, source: nil)

    /// A file given directly (the `--cacert` of the command line).
    public init(file: String) {
        self.init(file: file, source: "--cacert")
    }

    private init(file: String?, source: String?) {
        self.file = file; self.source = source
    }

    /// `cacert` when given, else the first of CURL_CA_BUNDLE and SSL_CERT_FILE
    /// set to something, else the system's. An empty variable counts as unset.
    public static func resolve(cacert: String?, environment: [String: String]) -> CertificateAuthorities {
        if let cacert { return CertificateAuthorities(file: cacert) }
        for variable in ["CURL_CA_BUNDLE", "SSL_CERT_FILE"] {
            if let file = environment[variable], !file.isEmpty {
                return CertificateAuthorities(file: file, source: variable)
            }
        }
        return .system
    }

    /// Checks at start that the file can be read and holds a PEM certificate, so
    /// a mistake in its name is reported as such, not later as a store that
    /// cannot be reached.
    public func validated() throws -> CertificateAuthorities {
        guard let file else { return self }
        let named = source == "--cacert" ? "--cacert \(file)" : "\(source ?? "CA file")=\(file)"
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: file, isDirectory: &isDirectory) else {
            throw CertificateFileError(message: "\(named): no such file")
        }
        guard !isDirectory.boolValue else {
            throw CertificateFileError(message: "\(named): is a folder, not a file of certificates")
        }
        guard let handle = FileHandle(forReadingAtPath: file) else {
            throw CertificateFileError(message: "\(named): cannot be read (permission denied)")
        }
        defer { try? handle.close() }
        guard Self.beginsCertificate(within: 1 << 20, of: handle) else {
            throw CertificateFileError(message: "\(named): holds no PEM certificate (-----BEGIN CERTIFICATE-----)")
        }
        return self
    }

    /// Whether a PEM certificate begins in the first `limit` bytes. A CA bundle is
    /// some hundreds of kilobytes and its first certificate is near the start, so it
    /// is read a piece at a time, its bytes searched as they are, until one begins.
    private static func beginsCertificate(within limit: Int, of handle: FileHandle) -> Bool {
        let marker = Array("-----BEGIN CERTIFICATE-----".utf8)
        var window: [UInt8] = []
        var read = 0
        while read < limit, let piece = try? handle.read(upToCount: min(1 << 16, limit - read)), !piece.isEmpty {
            read += piece.count
            // The marker may straddle two pieces: the last piece's tail stays in the window.
            window = Array(window.suffix(marker.count - 1)) + piece
            if LiteralSearch.firstOffset(of: marker, in: window) != nil { return true }
        }
        return false
    }
}

/// A certificate file that cannot be used, named with where it came from.
public struct CertificateFileError: Error, CustomStringConvertible, Equatable {
    public var message: String
    public var description: String { message }
    public init(message: String) { self.message = message }
}
