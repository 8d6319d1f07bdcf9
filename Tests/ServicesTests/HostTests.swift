import Foundation
import Testing
@testable import StoreServices
import TestSupport

/// The service host on its own, with routes made for the test, over real HTTP.
@Suite struct HostTests {
    struct Failure: Error {}

    static func withHost(bodyLimit: Int = 1 << 20, _ routes: (Router) -> Void,
                         _ body: (String) throws -> Void) throws {
        let router = Router()
        router.onUnexpectedError = { _, _ in }
        routes(router)
        let host = ServiceHost(router: router, configuration: HostConfiguration(bodyLimit: bodyLimit))
        let port = try host.start(port: 0)
        defer { host.stop() }
        try body("http://127.0.0.1:\(port)")
    }

    struct Echo: Codable {
        var method: String
        var path: String
        var segments: [String]
        var query: [String: String]
        var parameters: [String: String]
        var marker: String?
        var bodyLength: Int
        var bodyDigest: Int
    }

    static func digest(_ data: Data) -> Int { data.enumerated().reduce(0) { ($0 &* 31) &+ Int($1.element) &+ $1.offset } }

    static func echoRoutes(_ router: Router) {
        let echo: HTTPHandler = { request in
            try .json(Echo(method: request.method, path: request.path, segments: request.pathSegments,
                           query: request.query, parameters: request.pathParameters,
                           marker: request.header("X-Test-Marker"), bodyLength: request.body.count,
                           bodyDigest: digest(request.body)),
                      headers: ["X-Answer": "yes"])
        }
        router.get("/things/:id", echo)
        router.post("/things/:id/parts/:part", echo)
        router.get("/fails") { _ in throw Failure() }
        router.get("/refuses") { _ in throw HTTPError.conflict(code: "busy", "Try later.", param: "when") }
    }

    @Test func aSegmentStartingWithAMarkIsStillASegment() throws {
        try Self.withHost(Self.echoRoutes) { base in
            // U+1F3FB (a skin tone) and U+0301 (a combining acute) join a preceding "/" into one Character.
            for (encoded, decoded) in [("%F0%9F%8F%BBx", "\u{1F3FB}x"), ("%CC%81", "\u{301}")] {
                let answer = try RawHTTP.send("GET", base + "/things/" + encoded)
                #expect(answer.status == 200, "\(encoded): \(answer.text)")
                #expect(try answer.decode(Echo.self).parameters == ["id": decoded])
            }
        }
    }

    @Test func pathSegmentsLeaveOutEmptyOnes() {
        let cases: [(String, [String])] = [
            ("", []), ("/", []), ("//", []), ("a", ["a"]), ("/a//b/", ["a", "b"]),
            ("/product/v1/products/三体", ["product", "v1", "products", "三体"]), ("/\u{301}x/", ["\u{301}x"]),
        ]
        for (path, segments) in cases { #expect(HTTPRequest.segments(of: path) == segments, "\(path)") }
    }

    @Test func requestPartsReachTheHandlerDecoded() throws {
        try Self.withHost(Self.echoRoutes) { base in
            let answer = try RawHTTP.send("GET", base + "/things/%E4%B8%89%E4%BD%93?q=les%20mis%C3%A9rables&plus=a+b&empty=&flag",
                                          headers: ["X-Test-Marker": "Ünïcode ok"])
            #expect(answer.status == 200)
            #expect(answer.header("x-answer") == "yes")
            let echo = try answer.decode(Echo.self)
            #expect(echo.method == "GET")
            #expect(echo.segments == ["things", "三体"])
            #expect(echo.parameters == ["id": "三体"])
            #expect(echo.query == ["q": "les misérables", "plus": "a b", "empty": "", "flag": ""])
        }
    }

    @Test func largeBodiesArriveWholeAndInOrder() throws {
        try Self.withHost(Self.echoRoutes) { base in
            var bytes = Data(count: 900_000)
            for index in bytes.indices { bytes[index] = UInt8(truncatingIfNeeded: index &* 7 &+ index / 251) }
            let answer = try RawHTTP.send("POST", base + "/things/a/parts/b",
                                          headers: ["Content-Type": "application/json"], body: bytes)
            let echo = try answer.decode(Echo.self)
            #expect(echo.bodyLength == bytes.count)
            #expect(echo.bodyDigest == Self.digest(bytes))
            #expect(echo.parameters == ["id": "a", "part": "b"])
        }
    }

    @Test func handlerErrorsBecomeJSONAnswers() throws {
        try Self.withHost(Self.echoRoutes) { base in
            let failed = try RawHTTP.send("GET", base + "/fails")
            #expect(failed.status == 500)
            #expect(failed.serviceError?.type == "api_error")
            let refused = try RawHTTP.send("GET", base + "/refuses")
            #expect(refused.status == 409)
            #expect(refused.serviceError == .init(type: "conflict", code: "busy", message: "Try later.", param: "when"))
            #expect(try RawHTTP.send("GET", base + "/things/x").status == 200)
        }
    }

    /// A route that waits for room is answered 503 busy without running while
    /// there is none, and runs (off the serving threads) once there is.
    @Test func aRouteThatWaitsForRoomIsRefusedWhileThereIsNone() throws {
        let room = Locked(false)
        let runs = Locked(0)
        try Self.withHost({ router in
            router.post("/hash", pace: .waitsForRoom { room.value }) { _ in
                runs.mutate { $0 += 1 }
                return try .json(["ran": true])
            }
        }) { base in
            let refused = try RawHTTP.send("POST", base + "/hash", json: "not even JSON")
            #expect(refused.status == 503, "\(refused.text)")
            #expect(refused.serviceError?.code == "busy")
            #expect(refused.header("retry-after") == "1")
            #expect(runs.value == 0, "the handler did not run")
            room.mutate { $0 = true }
            let served = try RawHTTP.send("POST", base + "/hash", json: "{}")
            #expect(served.status == 200, "\(served.text)")
            #expect(runs.value == 1)
        }
    }

    @Test func stopClosesThePortAndARestartedHostServesAgain() throws {
        let router = Router()
        Self.echoRoutes(router)
        let host = ServiceHost(router: router)
        let port = try host.start(port: 0)
        #expect(try RawHTTP.send("GET", "http://127.0.0.1:\(port)/things/1").status == 200)
        host.stop()
        #expect(host.port == nil)
        #expect(throws: (any Error).self) { try RawHTTP.send("GET", "http://127.0.0.1:\(port)/things/1", timeout: 2) }
        let again = try host.start(port: 0)
        defer { host.stop() }
        #expect(try RawHTTP.send("GET", "http://127.0.0.1:\(again)/things/1").status == 200)
    }

    @Test func aTakenPortIsAClearError() throws {
        try Self.withHost(Self.echoRoutes) { base in
            let port = UInt16(base.split(separator: ":").last!)!
            let second = ServiceHost(router: Router())
            #expect(throws: ServiceHostError.self) { try second.start(port: port) }
        }
    }

    /// With one serving thread, a handler that waits still holds up no other
    /// connection: it runs elsewhere while its connection is suspended.
    @Test func aWaitingHandlerHoldsUpNoOtherConnection() throws {
        let router = Router()
        Self.echoRoutes(router)
        let release = DispatchSemaphore(value: 0)
        router.get("/slow", pace: .waits) { _ in
            _ = release.wait(timeout: .now() + 20)
            return try .json(["done": true])
        }
        let host = ServiceHost(router: router, configuration: HostConfiguration(threadCount: 1))
        let port = try host.start(port: 0)
        defer { host.stop() }
        let slow = Locked<Int?>(nil)
        let waiter = Thread {
            let status = try? RawHTTP.send("GET", "http://127.0.0.1:\(port)/slow", timeout: 30).status
            slow.mutate { $0 = status }
        }
        waiter.start()
        Thread.sleep(forTimeInterval: 0.2)
        #expect(try RawHTTP.send("GET", "http://127.0.0.1:\(port)/things/1", timeout: 5).status == 200,
                "answered while the slow handler waits")
        #expect(slow.value == nil, "the slow handler is still waiting")
        release.signal()
        #expect(try eventually { slow.value == 200 }, "the suspended connection is answered once its handler returns")
    }
}
