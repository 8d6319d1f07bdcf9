import Foundation
import StoreCore
import StoreHTTP
import Testing
import TestSupport

/// The client behind a real nginx serving HTTPS with a private certificate
/// authority, as a deployment's gateway does: trusted with --cacert (or the
/// environment's file), and every way it can fail said in words to act on.
@Suite(.enabled(if: TLSGateway.missingTools == nil,
                "needs nginx and openssl: apt-get install nginx-light openssl"))
struct TLSGatewayTests {
    /// A store behind a gateway whose certificate names 127.0.0.1 and localhost.
    private final class Deployment {
        let store: TestStore
        let gateway: TLSGateway
        init(names: [String] = ["IP:127.0.0.1", "DNS:localhost"], host: String = "127.0.0.1", days: Int = 2) throws {
            store = try TestStore(options: TestStore.fastOptions)
            do {
                gateway = try TLSGateway(upstream: store.baseURL, names: names, host: host, days: days)
            } catch {
                store.stop()
                throw error
            }
        }
        deinit { gateway.stop(); store.stop() }
    }

    private func failure(of call: () throws -> Any) -> APIError? {
        do {
            _ = try call()
            Issue.record("expected an error")
            return nil
        } catch {
            return error as? APIError
        }
    }

    @Test func withCacertTheGatewayIsTrusted() throws {
        let deployment = try Deployment()
        let client = StoreClient(baseURL: deployment.gateway.baseURL,
                                 authorities: CertificateAuthorities(file: deployment.gateway.authorityFile))
        #expect(try !client.categories().isEmpty)
        // A request with a body goes through TLS and nginx alike.
        let cart = try client.createCart()
        #expect(try client.cart(id: cart.id, token: nil).id == cart.id)
        // By name as well as by address: the certificate names both.
        let byName = StoreClient(baseURL: "https://localhost:\(deployment.gateway.port)",
                                 authorities: CertificateAuthorities(file: deployment.gateway.authorityFile))
        #expect(try !byName.categories().isEmpty)
    }

    @Test func withoutCacertThePrivateAuthorityIsNotTrusted() throws {
        let deployment = try Deployment()
        let client = StoreClient(baseURL: deployment.gateway.baseURL)
        let error = try #require(failure { try client.categories() })
        guard case .unreachable(let reason) = error else { Issue.record("got \(error)"); return }
        #expect(reason.reason == .certificateNotTrusted(.unknownAuthority), "\(reason.detail)")
        #expect(error.userMessage == "The certificate is issued by an authority this computer does not trust — pass --cacert FILE.")
        #expect(reason.detail.contains("certificate"), "libcurl's own words are kept: \(reason.detail)")
        #expect(error.isConnectivity)
    }

    /// CURL_CA_BUNDLE, else SSL_CERT_FILE, as curl(1) reads them; --cacert wins over both.
    @Test func theEnvironmentsCertificateFileIsHonoured() throws {
        let deployment = try Deployment()
        let authority = deployment.gateway.authorityFile
        let elsewhere = "/nonexistent/ca.pem"
        for environment in [["CURL_CA_BUNDLE": authority, "SSL_CERT_FILE": elsewhere], ["SSL_CERT_FILE": authority],
                            ["CURL_CA_BUNDLE": "", "SSL_CERT_FILE": authority]] {
            let authorities = CertificateAuthorities.resolve(cacert: nil, environment: environment)
            #expect(authorities.file == authority, "\(environment)")
            let client = StoreClient(baseURL: deployment.gateway.baseURL, authorities: try authorities.validated())
            #expect(try !client.categories().isEmpty, "\(environment)")
        }
        let explicit = CertificateAuthorities.resolve(cacert: authority, environment: ["CURL_CA_BUNDLE": elsewhere])
        #expect(explicit.file == authority && explicit.source == "--cacert")
        #expect(CertificateAuthorities.resolve(cacert: nil, environment: ["CURL_CA_BUNDLE": elsewhere]).source == "CURL_CA_BUNDLE")
        #expect(CertificateAuthorities.resolve(cacert: nil, environment: [:]) == .system)
    }

    @Test func aCertificateForAnotherNameIsAMismatch() throws {
        let deployment = try Deployment(names: ["DNS:shop.other.test"])
        let client = StoreClient(baseURL: deployment.gateway.baseURL,
                                 authorities: CertificateAuthorities(file: deployment.gateway.authorityFile))
        let error = try #require(failure { try client.categories() })
        guard case .unreachable(let reason) = error else { Issue.record("got \(error)"); return }
        #expect(reason.reason == .certificateNotTrusted(.hostnameMismatch), "\(reason.detail)")
        #expect(error.userMessage == "The certificate was issued for another name than 127.0.0.1 (hostname mismatch).")
    }

    @Test func anExpiredCertificateSaysSo() throws {
        let deployment = try Deployment(days: -1)
        let client = StoreClient(baseURL: deployment.gateway.baseURL,
                                 authorities: CertificateAuthorities(file: deployment.gateway.authorityFile))
        let error = try #require(failure { try client.categories() })
        guard case .unreachable(let reason) = error else { Issue.record("got \(error)"); return }
        #expect(reason.reason == .certificateNotTrusted(.expired), "\(reason.detail)")
        #expect(error.userMessage == "The certificate of 127.0.0.1 has expired — the server needs a new one.")
    }

    @Test func aGatewayWhoseServiceIsDownAnswers502InWords() throws {
        let store = try TestStore(options: TestStore.fastOptions)
        let deadPort = try LoopbackPort.unused()
        store.stop()
        let gateway = try TLSGateway(upstream: "http://127.0.0.1:\(deadPort)")
        defer { gateway.stop() }
        let client = StoreClient(baseURL: gateway.baseURL, authorities: CertificateAuthorities(file: gateway.authorityFile))
        let error = try #require(failure { try client.categories() })
        guard case .unreachable(let reason) = error else { Issue.record("got \(error)"); return }
        #expect(reason.reason == .gateway(status: 502))
        #expect(error.userMessage == "The gateway at 127.0.0.1:\(gateway.port) answered 502 Bad Gateway: "
                + "the service behind it is down or restarting.")
    }

    @Test func nothingListeningOnTheHTTPSPortIsRefused() throws {
        let port = try LoopbackPort.unused()
        let client = StoreClient(baseURL: "https://127.0.0.1:\(port)")
        let error = try #require(failure { try client.categories() })
        guard case .unreachable(let reason) = error else { Issue.record("got \(error)"); return }
        #expect(reason.reason == .refused, "\(reason.detail)")
        #expect(error.userMessage.hasPrefix("Nothing is listening at 127.0.0.1:\(port) (connection refused)"))
    }

    @Test func anUnknownHostIsNameNotFound() throws {
        let client = StoreClient(baseURL: "https://nosuch.invalid:8443", connectTimeout: 2)
        let error = try #require(failure { try client.categories() })
        #expect(error.userMessage == "No host named nosuch.invalid was found (DNS) — check the address given to --api.")
    }

    @Test func httpsToAPlainHTTPServerIsAFailedHandshake() throws {
        let store = try TestStore(options: TestStore.fastOptions)
        defer { store.stop() }
        let client = StoreClient(baseURL: store.baseURL.replacingOccurrences(of: "http://", with: "https://"))
        let error = try #require(failure { try client.categories() })
        guard case .unreachable(let reason) = error else { Issue.record("got \(error)"); return }
        #expect(reason.reason == .handshakeFailed, "\(reason.detail)")
        #expect(error.userMessage.contains("TLS handshake"))
    }
}

/// The check at start of a certificate file named by --cacert or the environment.
@Suite struct CertificateFileTests {
    @Test func aMissingFolderOrNonCertificateFileIsNamed() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("cacert-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let notPEM = folder.appendingPathComponent("notes.txt")
        try "hello".write(to: notPEM, atomically: true, encoding: .utf8)
        let cases: [(CertificateAuthorities, String)] = [
            (CertificateAuthorities(file: folder.path + "/missing.pem"), "--cacert \(folder.path)/missing.pem: no such file"),
            (CertificateAuthorities(file: folder.path), "--cacert \(folder.path): is a folder"),
            (CertificateAuthorities(file: notPEM.path), "--cacert \(notPEM.path): holds no PEM certificate"),
            (.resolve(cacert: nil, environment: ["SSL_CERT_FILE": folder.path + "/gone.pem"]),
             "SSL_CERT_FILE=\(folder.path)/gone.pem: no such file"),
        ]
        for (authorities, words) in cases {
            #expect {
                _ = try authorities.validated()
            } throws: { error in
                "\(error)".hasPrefix(words)
            }
        }
        #expect(try CertificateAuthorities.system.validated() == .system)
    }

    /// The file is read a piece at a time: a certificate that begins across two pieces
    /// counts, one that begins after the first mebibyte does not.
    @Test func aCertificateCountsWhereverItBeginsInTheFirstMebibyte() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("cacert-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let marker = "-----BEGIN CERTIFICATE-----\n"
        func file(_ name: String, blanksBefore count: Int) throws -> CertificateAuthorities {
            let url = folder.appendingPathComponent(name)
            try (String(repeating: "#", count: count) + marker).write(to: url, atomically: true, encoding: .utf8)
            return CertificateAuthorities(file: url.path)
        }
        let straddling = try file("straddling.pem", blanksBefore: (1 << 16) - 10)
        #expect(try straddling.validated() == straddling)
        let atTheEdge = try file("edge.pem", blanksBefore: (1 << 20) - marker.utf8.count + 1)
        #expect(try atTheEdge.validated() == atTheEdge)
        let tooLate = try file("late.pem", blanksBefore: 1 << 20)
        #expect { _ = try tooLate.validated() } throws: { "\($0)".contains("holds no PEM certificate") }
    }
}
