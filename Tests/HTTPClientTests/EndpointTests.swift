import Testing
@testable import StoreHTTP

/// The host and port named in "nothing is listening at …", read from the base URL's text.
@Suite struct EndpointTests {
    private func named(_ url: String) -> String {
        let endpoint = Endpoint(url: url)
        return "\(endpoint.host) \(endpoint.port)"
    }

    @Test func hostAndPortComeFromTheURL() {
        #expect(named("http://127.0.0.1:18431") == "127.0.0.1 18431")
        #expect(named("https://shop.example:8443/api?x=1") == "shop.example 8443")
        #expect(named("http://user:secret@shop.example:81/") == "shop.example 81")
    }

    @Test func theSchemeGivesThePortWhenTheURLHasNone() {
        #expect(named("https://shop.example") == "shop.example 443")
        #expect(named("HTTP://shop.example/") == "shop.example 80")
    }

    @Test func anIPv6HostLosesItsBrackets() {
        #expect(named("http://[::1]:8080/") == "::1 8080")
        #expect(named("https://[fe80::1]") == "fe80::1 443")
    }
}
