import Foundation
import StoreWire
import StoreHTTP
import Testing

/// How the client reports a server that is down, too slow, or answers nonsense.
@Suite struct TransportFailureTests {
    @Test func nothingListeningIsRefusedAndQuick() throws {
        let port = try LoopbackListener.unusedPort()
        let client = StoreClient(baseURL: "http://127.0.0.1:\(port)")
        let started = Date()
        #expect {
            try client.categories()
        } throws: { error in
            guard case APIError.unreachable(let failure) = error else { return false }
            return failure.reason == .refused && failure.detail.contains("127.0.0.1:\(port)")
                && (error as? APIError)?.userMessage.contains("Nothing is listening at 127.0.0.1:\(port) (connection refused)") == true
        }
        #expect(Date().timeIntervalSince(started) < 2)
    }

    @Test func unknownHostIsNameNotFound() {
        let client = StoreClient(baseURL: "http://nosuch.invalid", connectTimeout: 2)
        do {
            _ = try client.product(id: "x")
            Issue.record("expected an error")
        } catch let error as APIError {
            #expect(error.isConnectivity)
            guard case .unreachable(let failure) = error else { Issue.record("expected .unreachable, got \(error)"); return }
            #expect(failure.reason == .nameNotFound, "\(failure)")
            #expect(error.userMessage.contains("No host named nosuch.invalid was found (DNS)"))
        } catch {
            Issue.record("unexpected \(error)")
        }
    }

    @Test func silentServerTimesOut() throws {
        let listener = try LoopbackListener(.silent)
        defer { listener.stop() }
        let client = StoreClient(baseURL: listener.baseURL, connectTimeout: 1, requestTimeout: 0.4)
        let started = Date()
        #expect(throws: APIError.timedOut) { try client.categories() }
        let elapsed = Date().timeIntervalSince(started)
        #expect(elapsed >= 0.35 && elapsed < 3)
    }

    @Test func errorStatusWithEnvelopeIsServiceError() throws {
        let body = #"{"error":{"type":"not_found","code":"product_not_found","message":"No such product.","param":"id"}}"#
        let listener = try LoopbackListener(.reply(LoopbackListener.response(
            status: 404, reason: "Not Found", contentType: "application/json", body: body)))
        defer { listener.stop() }
        let client = StoreClient(baseURL: listener.baseURL)
        #expect(throws: APIError.service(status: 404, ServiceError(
            type: "not_found", code: "product_not_found", message: "No such product.", param: "id"))) {
            try client.product(id: "nope")
        }
    }

    @Test func errorStatusWithoutEnvelopeIsBadResponse() throws {
        let listener = try LoopbackListener(.reply(LoopbackListener.response(
            status: 500, reason: "Internal Server Error", contentType: "text/html", body: "<html>oops</html>")))
        defer { listener.stop() }
        let client = StoreClient(baseURL: listener.baseURL)
        #expect {
            try client.categories()
        } throws: { error in
            guard case APIError.badResponse(let detail) = error else { return false }
            return detail.contains("500")
        }
    }

    /// A gateway's own page for 502/503/504 means the service behind it is away: retry later.
    @Test(arguments: [502, 503, 504])
    func aGatewayPageIsTheServiceBehindItAway(status: Int) throws {
        let listener = try LoopbackListener(.reply(LoopbackListener.response(
            status: status, reason: "Gateway", contentType: "text/html", body: "<html>nginx</html>")))
        defer { listener.stop() }
        let client = StoreClient(baseURL: listener.baseURL)
        do {
            _ = try client.categories()
            Issue.record("expected an error")
        } catch let error as APIError {
            guard case .unreachable(let failure) = error else { Issue.record("got \(error)"); return }
            #expect(failure.reason == .gateway(status: status))
            #expect(error.isConnectivity)
            #expect(error.userMessage.hasPrefix("The gateway at \(listener.baseURL.dropFirst("http://".count)) answered \(status) "))
        }
    }

    @Test func successWithWrongShapeIsBadResponse() throws {
        let listener = try LoopbackListener(.reply(LoopbackListener.response(
            status: 200, reason: "OK", contentType: "application/json", body: #"{"id": 7}"#)))
        defer { listener.stop() }
        let client = StoreClient(baseURL: listener.baseURL)
        #expect {
            try client.product(id: "p1")
        } throws: { error in
            guard case APIError.badResponse(let detail) = error else { return false }
            return detail.contains("/product/v1/products/p1")
        }
    }

    @Test func notJSONIsBadResponse() throws {
        let listener = try LoopbackListener(.reply(LoopbackListener.response(
            status: 200, reason: "OK", contentType: "text/plain", body: "hello")))
        defer { listener.stop() }
        let client = StoreClient(baseURL: listener.baseURL)
        #expect {
            try client.categories()
        } throws: { error in
            if case APIError.badResponse = error { return true }
            return false
        }
    }

    /// The payment attempt's key goes out as the Idempotency-Key header, so the
    /// service can answer a retry of the attempt as it answered the first try.
    @Test func confirmSendsTheIdempotencyKey() throws {
        let listener = try LoopbackListener(.reply(LoopbackListener.response(
            status: 500, reason: "Oops", contentType: "text/plain", body: "oops")))
        defer { listener.stop() }
        let client = StoreClient(baseURL: listener.baseURL)
        let card = CardDetails(number: "4242424242424242", expMonth: 12, expYear: 2040, cvc: "123", name: "A Shopper")
        _ = try? client.confirmPayment(intentID: "pi_1", ConfirmPaymentRequest(clientSecret: "s", card: card), token: "t",
                                       idempotencyKey: "run-7-payment-3")
        let head = try #require(listener.receivedHeads.first)
        #expect(head.hasPrefix("POST /payment/v1/payment-intents/pi_1/confirm "))
        #expect(head.split(separator: "\r\n").contains { $0.lowercased() == "idempotency-key: run-7-payment-3" })
    }

    /// A failed payment call must not echo the card into the error it reports.
    @Test func errorsNeverCarryTheCard() throws {
        let listener = try LoopbackListener(.reply(LoopbackListener.response(
            status: 500, reason: "Oops", contentType: "text/plain", body: "oops")))
        defer { listener.stop() }
        let client = StoreClient(baseURL: listener.baseURL)
        let card = CardDetails(number: "4000000000000002", expMonth: 12, expYear: 2040, cvc: "737", name: "A Shopper")
        for baseURL in [listener.baseURL, "http://127.0.0.1:\(try LoopbackListener.unusedPort())"] {
            let client = baseURL == listener.baseURL ? client : StoreClient(baseURL: baseURL)
            do {
                _ = try client.confirmPayment(intentID: "pi_1", ConfirmPaymentRequest(clientSecret: "s", card: card), token: "t",
                                              idempotencyKey: "attempt-1-payment-1")
                Issue.record("expected an error")
            } catch {
                let text = "\(error) \(String(reflecting: error)) \((error as? APIError)?.userMessage ?? "")"
                #expect(!text.contains("4000000000000002"))
                #expect(!text.contains("737"))
            }
        }
    }
}
