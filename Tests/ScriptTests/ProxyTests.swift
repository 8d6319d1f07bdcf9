import Foundation
import Testing
import TestSupport

/// The proxy named by the environment carries the client's requests, as for
/// curl(1): nothing the client sets turns libcurl's reading of http_proxy off.
@Suite(.enabled(if: TLSGateway.missingTools == nil && TerminalPlayTests.binary != nil,
                "needs nginx (apt-get install nginx-light) and the built storefront binary"))
struct ProxyTests {
    @Test func theEnvironmentsProxyCarriesTheRequests() throws {
        let store = try TestStore(options: TestStore.fastOptions)
        defer { store.stop() }
        let proxy = try ForwardProxy()
        defer { proxy.stop() }
        let folder = try ScratchFolder()
        try folder.write("scripts/browse.keys", "set timeout 3s\npress s\nwait /\\d+ products/\n")
        let binary = TerminalPlayTests.shellQuoted(TerminalPlayTests.binary!)
        let scripts = TerminalPlayTests.shellQuoted(folder.url.appendingPathComponent("scripts").path)
        let result = Shell.run("env -u no_proxy -u NO_PROXY http_proxy=\(proxy.url) "
                               + "\(binary) test \(scripts) --api \(store.baseURL)")
        #expect(result.status == 0 && result.output.hasSuffix("1 passed, 0 flaky, 0 failed\n"), "\(result.output)")
        // nginx writes a request's line when the request is done; give it a moment.
        let deadline = Date().addingTimeInterval(3)
        while !proxy.accessLog.contains("GET \(store.baseURL)/product/v1/") && Date() < deadline {
            Thread.sleep(forTimeInterval: 0.05)
        }
        #expect(proxy.accessLog.contains("GET \(store.baseURL)/product/v1/"), "\(proxy.accessLog)")
    }
}
