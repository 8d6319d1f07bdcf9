import Foundation
import StoreHTTP
import Testing
import TestSupport
@testable import StorefrontApp

/// `--cacert` on the command lines, against a real nginx serving HTTPS with a
/// private authority: without it the screen says what to do, with it the shop works.
@Suite(.enabled(if: TLSGateway.missingTools == nil,
                "needs nginx and openssl: apt-get install nginx-light openssl"))
struct CacertTests {
    private final class Deployment {
        let store: TestStore
        let gateway: TLSGateway
        init() throws {
            store = try TestStore(options: TestStore.fastOptions)
            do {
                gateway = try TLSGateway(upstream: store.baseURL)
            } catch {
                store.stop()
                throw error
            }
        }
        deinit { gateway.stop(); store.stop() }
    }

    @Test func anUntrustedGatewayShowsTheCertificateSentenceAndTheShopWorksWithCacert() throws {
        let deployment = try Deployment()
        let folder = try ScratchFolder()
        let untrusted = try folder.write("untrusted.keys", """
            set api "\(deployment.gateway.baseURL)"
            size 110x30
            wait "certificate not trusted — r to retry"
            expect "✗ The certificate is issued by an authority this computer does not trust — pass --cacert FILE."
            press r
            wait "certificate not trusted — r to retry"
            """)
        let trusted = try folder.write("trusted.keys", """
            set api "\(deployment.gateway.baseURL)"
            size 110x30
            set timeout 3s
            wait "Featured"
            wait "● online"
            press s
            wait /\\d+ products/
            """)
        // The file named by the environment (here injected) or by --cacert is the one trusted.
        let empty: [String: String] = [:]
        #expect(StorefrontMain.run(arguments: ["--script", untrusted], environment: empty) == 0)
        #expect(StorefrontMain.run(arguments: ["--script", trusted], environment: empty) == 1)
        #expect(StorefrontMain.run(arguments: ["--script", trusted, "--cacert", deployment.gateway.authorityFile],
                                   environment: empty) == 0)
        #expect(StorefrontMain.run(arguments: ["--script", trusted],
                                   environment: ["SSL_CERT_FILE": deployment.gateway.authorityFile]) == 0)

        var lines: [String] = []
        let status = TestCommand.run(arguments: [trusted, "--cacert", deployment.gateway.authorityFile],
                                     environment: empty, output: { lines.append($0) })
        #expect(status == 0, "\(lines)")
        #expect(lines.last == "1 passed, 0 flaky, 0 failed")
    }

    /// `storefront test --cacert` passes the file on to each script's own process.
    @Test(.enabled(if: TerminalPlayTests.binary != nil, "needs the built storefront binary"))
    func theBinaryPassesCacertToEachScriptsProcess() throws {
        let deployment = try Deployment()
        let folder = try ScratchFolder()
        try folder.write("scripts/trusted.keys", """
            set api "\(deployment.gateway.baseURL)"
            set timeout 3s
            press s
            wait /\\d+ products/
            """)
        let binary = TerminalPlayTests.shellQuoted(TerminalPlayTests.binary!)
        let scripts = TerminalPlayTests.shellQuoted(folder.url.appendingPathComponent("scripts").path)
        let authority = TerminalPlayTests.shellQuoted(deployment.gateway.authorityFile)
        let trusted = Shell.run("\(binary) test \(scripts) --cacert \(authority)")
        #expect(trusted.status == 0 && trusted.output.hasSuffix("1 passed, 0 flaky, 0 failed\n"), "\(trusted.output)")
        let untrusted = Shell.run("env -u CURL_CA_BUNDLE -u SSL_CERT_FILE \(binary) test \(scripts)")
        #expect(untrusted.status == 1 && untrusted.output.hasSuffix("0 passed, 0 flaky, 1 failed\n"), "\(untrusted.output)")
        #expect(untrusted.output.contains("certificate not trusted — r to retry"), "\(untrusted.output)")
    }

    /// A script that ends while HTTPS requests are still in flight exits cleanly:
    /// OpenSSL's exit-time cleanup once freed what those requests were using
    /// (a crash in about one run of ten, so the run is repeated).
    @Test(.enabled(if: TerminalPlayTests.binary != nil, "needs the built storefront binary"))
    func endingWithRequestsInFlightIsNoCrash() throws {
        let deployment = try Deployment()
        let folder = try ScratchFolder()
        let script = try folder.write("racy.keys", """
            set api "\(deployment.gateway.baseURL)"
            wait "Featured"
            press s
            """)
        let binary = TerminalPlayTests.shellQuoted(TerminalPlayTests.binary!)
        // No backtrace on a crash: the backtracer can wait long on a process whose threads hold locks.
        let command = "SWIFT_BACKTRACE=enable=no \(binary) --script \(TerminalPlayTests.shellQuoted(script)) "
            + "--cacert \(TerminalPlayTests.shellQuoted(deployment.gateway.authorityFile))"
        let result = Shell.run("for run in $(seq 1 16); do \(command) >/dev/null 2>&1 || echo \"run $run: status $?\"; done")
        #expect(result.status == 0 && result.output.isEmpty, "\(result.output)")
    }

    @Test func aCacertThatCannotBeReadIsStatusTwoAtStart() throws {
        let folder = try ScratchFolder()
        let script = try folder.write("any.keys", "set api \"https://127.0.0.1:1\"\nwait \"Featured\"\n")
        let missing = folder.path + "/no-such-ca.pem"
        #expect(StorefrontMain.run(arguments: ["--script", script, "--cacert", missing], environment: [:]) == 2)
        #expect(TestCommand.run(arguments: [script, "--cacert", missing], environment: [:], output: { _ in }) == 2)
        #expect(throws: CertificateFileError(message: "--cacert \(missing): no such file")) {
            try LaunchOptions.parse(["--cacert", missing], environment: [:])
        }
        #expect(throws: CertificateFileError(message: "CURL_CA_BUNDLE=\(missing): no such file")) {
            try TestOptions.parse([script], environment: ["CURL_CA_BUNDLE": missing])
        }
    }
}
