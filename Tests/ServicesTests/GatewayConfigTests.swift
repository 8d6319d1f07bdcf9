import Foundation
import Testing
import StoreHTTP
import StoreWire
@testable import StoreServices
import TestSupport

/// deploy/gateway.conf itself, on a real nginx in front of two instances of
/// every service, the first of which fails every request with a 503: what is
/// sent again to the second instance and what is not, and the request id.
@Suite struct GatewayConfigTests {
    static let template = BuildProducts.repositoryRoot.appendingPathComponent("deploy/gateway.conf")

    /// A fresh gateway (and instances) for each test, so its first pick is
    /// the first, failing instance: nginx's round robin starts at the first
    /// server, and an instance that failed is left out for a while after.
    final class Gateway {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("gateway-conf-\(UUID().uuidString)")
        let failing: TestStore
        let healthy: TestStore
        let client: RawHTTPClient
        private var pid: pid_t?

        init() throws {
            if let missing = TLSGateway.missingTools { throw Spawn.Failed(description: missing) }
            var failingOptions = TestStore.fastOptions
            failingOptions.faults = try FaultPlan.parse(["errors.all=1"])
            failing = try TestStore(options: failingOptions)
            healthy = try TestStore(options: TestStore.fastOptions)
            let tls = folder.appendingPathComponent("tls")
            try FileManager.default.createDirectory(at: tls, withIntermediateDirectories: true)
            try FileManager.default.createDirectory(at: folder.appendingPathComponent("gateway"), withIntermediateDirectories: true)
            let certificates = try TestCertificates(in: tls)
            _ = try certificates.serverCertificate(named: "gateway", for: ["IP:127.0.0.1", "DNS:localhost"])
            let template = try String(contentsOf: GatewayConfigTests.template, encoding: .utf8)
            let (folder, first, second) = (self.folder, failing.port, healthy.port)
            let (port, pid) = try LoopbackPort.startServer("nginx") { port in
                var fields = ["@STATE@": folder.path, "@GATEWAY_PORT@": String(port)]
                for service in ServiceName.allCases {
                    fields["@\(service.rawValue)-1@"] = String(first)
                    fields["@\(service.rawValue)-2@"] = String(second)
                }
                let configuration = fields.reduce(template) { $0.replacingOccurrences(of: $1.key, with: $1.value) }
                let file = folder.appendingPathComponent("gateway.conf").path
                try configuration.write(toFile: file, atomically: true, encoding: .utf8)
                return try NginxDaemon.start(configurationFile: file, prefix: folder.path + "/gateway/",
                                             pidFile: folder.path + "/gateway/nginx.pid",
                                             errorLog: folder.path + "/gateway/error.log")
            }
            self.pid = pid
            client = RawHTTPClient(baseURL: "https://127.0.0.1:\(port)", connectTimeout: 2, requestTimeout: 10,
                                   authorities: CertificateAuthorities(file: certificates.authorityFile))
        }

        deinit {
            if let pid { NginxDaemon.stop(pid) }
            failing.stop()
            healthy.stop()
            try? FileManager.default.removeItem(at: folder)
        }

        /// The access log's line for the `number`th request through the gateway (1: the first).
        /// nginx writes it after sending the answer, so it may come a moment after the answer.
        func logLine(_ number: Int) -> String {
            var lines: [Substring] = []
            _ = eventually(timeout: 5) {
                let log = (try? String(contentsOf: folder.appendingPathComponent("gateway/access.log"), encoding: .utf8)) ?? ""
                lines = log.split(separator: "\n")
                return lines.count >= number
            }
            return lines.count >= number ? String(lines[number - 1]) : ""
        }
    }

    @Test func aPostWithAnIdempotencyKeyIsSentAgainToTheOtherInstance() throws {
        let gateway = try Gateway()
        let answer = try gateway.client.send("POST", segments: ["cart", "v1", "carts"],
                                             headers: [("Idempotency-Key", UUID().uuidString)], body: Data("{}".utf8))
        #expect(answer.status == 201, "\(String(decoding: answer.body, as: UTF8.self))")
        #expect(gateway.logLine(1).contains(#"upstream_status="503, 201""#), "\(gateway.logLine(1))")
    }

    @Test func aPostWithoutAKeyIsNotSentTwice() throws {
        let gateway = try Gateway()
        let answer = try gateway.client.send("POST", segments: ["cart", "v1", "carts"], body: Data("{}".utf8))
        #expect(answer.status == 503)
        #expect(String(decoding: answer.body, as: UTF8.self).contains("fault_injected"), "the instance's own answer")
        #expect(gateway.logLine(1).contains(#"upstream_status="503" "#), "\(gateway.logLine(1))")
    }

    @Test(arguments: ["GET", "PUT", "DELETE"])
    func anIdempotentMethodIsSentAgain(method: String) throws {
        let gateway = try Gateway()
        let id = try RawHTTP.send("POST", gateway.healthy.baseURL + "/cart/v1/carts").decode(Cart.self).id
        if method == "DELETE" {
            _ = try RawHTTP.send("PUT", gateway.healthy.baseURL + "/cart/v1/carts/\(id)/items/dune-ebook", json: #"{"quantity": 1}"#)
        }
        let path = method == "GET" ? ["cart", "v1", "carts", id] : ["cart", "v1", "carts", id, "items", "dune-ebook"]
        let answer = try gateway.client.send(method, segments: path, body: method == "PUT" ? Data(#"{"quantity": 1}"#.utf8) : nil)
        #expect(answer.status == 200, "\(answer.status) \(String(decoding: answer.body, as: UTF8.self))")
        #expect(gateway.logLine(1).contains(#"upstream_status="503, 200""#), "\(gateway.logLine(1))")
    }

    @Test func theRequestIdIsTheClientsWhenPlausibleElseTheGatewaysOwn() throws {
        let gateway = try Gateway()
        let cases: [(sent: String?, expected: String?)] = [("trace-42", "trace-42"), (nil, nil), ("two words", nil)]
        for (number, (sent, expected)) in zip(1..., cases) {
            _ = try gateway.client.send("GET", segments: ["product", "v1", "categories"],
                                        headers: sent.map { [("X-Request-Id", $0)] } ?? [])
            let line = gateway.logLine(number)
            let id = line.firstMatch(of: #/ id=(\S+) /#).map { String($0.output.1) }
            if let expected {
                #expect(id == expected)
            } else {
                #expect(id?.wholeMatch(of: #/[0-9a-f]{32}/#) != nil, "nginx's own id, not \(String(describing: sent)): \(line)")
            }
        }
    }

    @Test func aPathNoServiceAnswersIsAJSON404FromTheGateway() throws {
        let gateway = try Gateway()
        let answer = try gateway.client.send("GET", segments: ["nowhere"])
        #expect(answer.status == 404)
        let envelope = try JSONDecoder().decode(ServiceErrorEnvelope.self, from: answer.body)
        #expect(envelope.error.code == "route_not_found")
        #expect(gateway.logLine(1).contains(#"upstream="-""#))
    }
}
