import Foundation

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
        // A CA bundle is some hundreds of kilobytes; the first certificate is near the start.
        let start = (try? handle.read(upToCount: 1 << 20)) ?? Data()
        guard String(decoding: start, as: UTF8.self).contains("-----BEGIN CERTIFICATE-----") else {
            throw CertificateFileError(message: "\(named): holds no PEM certificate (-----BEGIN CERTIFICATE-----)")
        }
        return self
    }
}

/// A certificate file that cannot be used, named with where it came from.
public struct CertificateFileError: Error, CustomStringConvertible, Equatable {
    public var message: String
    public var description: String { message }
    public init(message: String) { self.message = message }
}
