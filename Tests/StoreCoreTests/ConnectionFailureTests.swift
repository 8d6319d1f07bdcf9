import Testing
import StoreCore

/// What the user reads when the store cannot be reached: the status line's
/// few words, and the notice line's sentence saying what to do.
@Suite struct ConnectionFailureTests {
    private func failure(_ reason: ConnectionFailure.Reason, host: String = "127.0.0.1", port: Int = 8443) -> APIError {
        .unreachable(ConnectionFailure(reason, host: host, port: port, detail: "GET https://\(host):\(port)/x: words"))
    }

    @Test func anUntrustedCertificateSaysToPassTheAuthority() {
        var harness = Harness()
        let featured = APIRequest.products(ProductQuery(featured: true))
        harness.fail(featured, failure(.certificateNotTrusted(.unknownAuthority)))
        let screen = harness.screen(100, 30)
        #expect(screen.contains("certificate not trusted — r to retry"))
        #expect(screen.contains("✗ The certificate is issued by an authority this computer does not trust — pass --cacert FILE."),
                "\(screen)")
        // r still sends the request again, and an answer clears both lines.
        #expect(harness.press(.character("r")).requestList == [featured])
        harness.answer(featured, .products(Fixture.page([Fixture.dune])))
        #expect(!harness.screen(100, 30).contains("certificate"))
        #expect(harness.screen(100, 30).contains("● online"))
    }

    @Test func aNoticeFromBeforeGivesWayToTheReason() {
        var harness = Harness.withCart([(Fixture.dune, 1)])
        let request = harness.press(.character("+")).requestList[0]
        harness.fail(request, failure(.gateway(status: 502)))
        let screen = harness.screen(120, 30)
        #expect(screen.contains("gateway answered 502 — r to retry"))
        #expect(screen.contains("The gateway at 127.0.0.1:8443 answered 502 Bad Gateway: the service behind it is down or restarting."),
                "\(screen)")
    }

    @Test(arguments: [
        (ConnectionFailure.Reason.nameNotFound, "No host named nosuch.invalid was found (DNS)"),
        (.refused, "Nothing is listening at nosuch.invalid:8443 (connection refused)"),
        (.certificateNotTrusted(.hostnameMismatch), "issued for another name than nosuch.invalid (hostname mismatch)"),
        (.certificateNotTrusted(.expired), "The certificate of nosuch.invalid has expired"),
        (.certificateNotTrusted(.other), "The certificate of nosuch.invalid is not trusted: words."),
        (.handshakeFailed, "The TLS handshake with nosuch.invalid:8443 failed"),
        (.gateway(status: 504), "answered 504 Gateway Timeout: the service behind it did not answer in time."),
        (.other, "The store at nosuch.invalid:8443 could not be reached: words."),
    ])
    func eachReasonHasItsSentence(reason: ConnectionFailure.Reason, words: String) {
        let error = failure(reason, host: "nosuch.invalid")
        #expect(error.userMessage.contains(words), "\(error.userMessage)")
        #expect(error.isConnectivity)
    }

    @Test func anIPv6HostIsBracketed() {
        #expect(ConnectionFailure(.refused, host: "::1", port: 80, detail: "").hostAndPort == "[::1]:80")
    }
}
