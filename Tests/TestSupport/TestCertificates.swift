import Foundation

/// A throwaway certificate authority and server certificates made with the
/// openssl command line in a test's folder: what a private deployment has.
public struct TestCertificates {
    /// The authority's certificate (PEM): what `--cacert` is given.
    public let authorityFile: String
    private let authorityKey: String
    private let folder: URL

    /// Makes the authority's key and self-signed certificate in `folder`.
    public init(in folder: URL) throws {
        self.folder = folder
        authorityKey = folder.appendingPathComponent("ca.key").path
        authorityFile = folder.appendingPathComponent("ca.pem").path
        try Self.openssl(["req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
                          "-keyout", authorityKey, "-out", authorityFile, "-days", "2",
                          "-subj", "/CN=storefront test authority",
                          "-addext", "basicConstraints=critical,CA:TRUE",
                          "-addext", "keyUsage=critical,keyCertSign,cRLSign"])
    }

    /// A server key and certificate signed by the authority for `names`
    /// (subjectAltName entries such as "IP:127.0.0.1", "DNS:localhost"), valid
    /// from now for `days` (-1: it expired yesterday). Returns the paths of the certificate and the key.
    public func serverCertificate(named name: String, for names: [String],
                                  days: Int = 2) throws -> (certificate: String, key: String) {
        let key = folder.appendingPathComponent("\(name).key").path
        let request = folder.appendingPathComponent("\(name).csr").path
        let certificate = folder.appendingPathComponent("\(name).pem").path
        let extensions = folder.appendingPathComponent("\(name).ext")
        try Self.openssl(["req", "-new", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
                          "-keyout", key, "-out", request, "-subj", "/CN=\(name)"])
        try """
        subjectAltName = \(names.joined(separator: ","))
        basicConstraints = CA:FALSE
        extendedKeyUsage = serverAuth
        """.write(to: extensions, atomically: true, encoding: .utf8)
        try Self.openssl(["x509", "-req", "-in", request, "-CA", authorityFile, "-CAkey", authorityKey,
                          "-set_serial", String(UInt32.random(in: 1...UInt32.max)), "-days", String(days),
                          "-extfile", extensions.path, "-out", certificate])
        return (certificate, key)
    }

    private static func openssl(_ arguments: [String]) throws {
        let result = try Spawn.run(["openssl"] + arguments)
        guard result.status == 0 else {
            throw Spawn.Failed(description: "openssl \(arguments.first ?? "") failed (\(result.status)): \(result.output)")
        }
    }
}
