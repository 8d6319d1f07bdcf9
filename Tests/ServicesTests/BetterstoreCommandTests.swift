import Foundation
import Testing
import StoreWire
import TestSupport

/// The `betterstore` executable itself: its one line on start, serving, a
/// graceful stop on SIGTERM and SIGINT, and usage errors.
@Suite struct BetterstoreCommandTests {
    /// The built executable sits next to the test bundle.
    static var executable: URL { BuildProducts.executable("betterstore") }

    /// One betterstore process; it is killed and waited for when the run is dropped,
    /// so a test that fails half-way leaves no server running.
    final class Run {
        let process = Process()
        let output = Pipe()
        let errors = Pipe()

        init(_ arguments: [String], environment: [String: String] = [:], standardInput: FileHandle? = nil) throws {
            process.executableURL = BetterstoreCommandTests.executable
            process.arguments = arguments
            if let standardInput { process.standardInput = standardInput }
            process.environment = ProcessInfo.processInfo.environment.merging(environment) { _, new in new }
            process.standardOutput = output
            process.standardError = errors
            try process.run()
        }

        deinit {
            guard process.isRunning else { return }
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }

        /// The first line printed, waiting up to `timeout` seconds.
        func firstLine(timeout: TimeInterval = 30) -> String? {
            let line = Locked<String?>(nil)
            let done = DispatchSemaphore(value: 0)
            let handle = output.fileHandleForReading
            DispatchQueue.global().async {
                var bytes = Data()
                while true {
                    let chunk = handle.readData(ofLength: 1)
                    if chunk.isEmpty || chunk == Data("\n".utf8) { break }
                    bytes.append(chunk)
                }
                line.mutate { $0 = String(decoding: bytes, as: UTF8.self) }
                done.signal()
            }
            return done.wait(timeout: .now() + timeout) == .success ? line.value : nil
        }

        func finish(timeout: TimeInterval = 20) -> Int32? {
            let deadline = Date().addingTimeInterval(timeout)
            while process.isRunning && Date() < deadline { Thread.sleep(forTimeInterval: 0.05) }
            if process.isRunning { process.terminate(); return nil }
            return process.terminationStatus
        }
    }

    @Test(arguments: [SIGTERM, SIGINT])
    func servesOnAFreePortAndStopsGracefullyOnASignal(signal: Int32) throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("betterstore-cli-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let run = try Run(["serve", "--port", "0", "--data-dir", directory.path])
        let line = try #require(run.firstLine(), "betterstore printed nothing")
        let pattern = #/^betterstore listening on (http://127\.0\.0\.1:(\d+)) \(data: (.+)\)$/#
        let match = try #require(line.firstMatch(of: pattern), "unexpected first line: \(line)")
        #expect(Int(match.output.2)! > 0)
        #expect(match.output.3 == Substring(directory.path))

        let answer = try RawHTTP.send("GET", String(match.output.1) + "/product/v1/categories")
        #expect(answer.status == 200)
        #expect(FileManager.default.fileExists(atPath: directory.appendingPathComponent("products.sqlite").path))

        kill(run.process.processIdentifier, signal)
        #expect(run.finish() == 0)
    }

    @Test(arguments: [["serve"], ["serve", "--port", "x", "--data-dir", "/tmp"], ["serve", "--data-dir"],
                      ["serve", "--data-dir", "/tmp", "--colour", "red"], ["start"], [],
                      ["serve", "--data-dir", "/tmp", "--fault", "errors.order=2"],
                      ["serve", "--data-dir", "/tmp", "--fault", "latency.basket=1s"],
                      ["serve", "--data-dir", "/tmp", "--cart-store", "redis://:6379/0"],
                      ["serve", "--data-dir", "/tmp", "--cart-store", "valkey://127.0.0.1"],
                      ["serve", "--data-dir", "/tmp", "--only", "cart,basket", "--peers", "http://127.0.0.1:1"],
                      ["serve", "--data-dir", "/tmp", "--only", ""],
                      ["serve", "--data-dir", "/tmp", "--only", "order"],
                      ["serve", "--data-dir", "/tmp", "--only", "cart", "--peers", "127.0.0.1:8080"],
                      ["serve", "--data-dir", "/tmp", "--peers", "http://gateway/product/v1"],
                      ["serve", "--data-dir", "/tmp", "--connections-per-address", "0"],
                      ["serve", "--data-dir", "/tmp", "--only", "cart", "--peers", "https://gw", "--cacert", "/nonexistent.pem"]])
    func badArgumentsPrintUsageAndExit2(arguments: [String]) throws {
        let run = try Run(arguments)
        #expect(run.finish() == 2, "\(arguments)")
        let errors = String(decoding: run.errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(errors.contains("usage: betterstore serve"), "\(arguments): \(errors)")
    }

    @Test func faultsFromFlagsAndTheEnvironmentAreAnnouncedAndInForce() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("betterstore-cli-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let run = try Run(["serve", "--port", "0", "--data-dir", directory.path, "--fault", "errors.product=1"],
                          environment: ["BETTERSTORE_FAULTS": "mail.fail=50%, errors.product=0"])
        defer { run.process.terminate(); _ = run.finish() }
        let line = try #require(run.firstLine())
        let base = try #require(line.firstMatch(of: #/http://127\.0\.0\.1:\d+/#)).output
        let faults = try #require(run.firstLine())
        #expect(faults == "betterstore: injecting faults: errors.product=100%, mail.fail=50%", "the flag overrides the environment")
        let answer = try RawHTTP.send("GET", String(base) + "/product/v1/categories")
        #expect(answer.status == 503 && answer.serviceError?.code == "fault_injected", "\(answer.text)")
        #expect(try RawHTTP.send("GET", String(base) + "/health").status == 200, "health is no service's")
    }

    @Test func aCartStoreThatIsDownAtStartIsNamedAndExits2() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("betterstore-cli-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let address = "redis://127.0.0.1:\(try LoopbackPort.unused())/0"
        let run = try Run(["serve", "--port", "0", "--data-dir", directory.path, "--cart-store", address])
        #expect(run.finish() == 2)
        let errors = String(decoding: run.errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(errors.hasPrefix("betterstore: the cart store at \(address) cannot be reached: Connection refused"), "\(errors)")
    }

    @Test func cartsOnRedisAreAnnounced() throws {
        let redis = try RedisServer.lease(); defer { RedisServer.release() }
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("betterstore-cli-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let run = try Run(["serve", "--port", "0", "--data-dir", directory.path, "--cart-store", redis.url(database: 1)])
        defer { run.process.terminate(); _ = run.finish() }
        let line = try #require(run.firstLine())
        let base = try #require(line.firstMatch(of: #/http://127\.0\.0\.1:\d+/#)).output
        #expect(run.firstLine() == "betterstore: carts in \(redis.url(database: 1))")
        #expect(try RawHTTP.send("POST", String(base) + "/cart/v1/carts").status == 201)
        #expect(try redis.command(["DBSIZE"], database: 1) == ":1", "the new cart is in database 1")
    }

    @Test func aSubsetNeedingPeersSaysWhichAndWhere() throws {
        let run = try Run(["serve", "--data-dir", "/tmp", "--only", "payment,cart"])
        #expect(run.finish() == 2)
        let errors = String(decoding: run.errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(errors.contains("--only cart,payment calls the product, order services") && errors.contains("--peers URL"), "\(errors)")
    }

    @Test func aSecretFileThatCannotBeReadOrHoldsNoKeyIsExit2NamingIt() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("betterstore-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let missing = directory.appendingPathComponent("absent.key").path
        let short = directory.appendingPathComponent("short.key").path
        try Data("not a key\n".utf8).write(to: URL(fileURLWithPath: short))
        for (file, words) in [(missing, "cannot be read"), (short, "holds neither 32 bytes nor 64 hex digits")] {
            let run = try Run(["serve", "--port", "0", "--data-dir", directory.appendingPathComponent("data").path],
                              environment: ["BETTERSTORE_SECRET_FILE": file])
            #expect(run.finish() == 2, "\(file)")
            let errors = String(decoding: run.errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            #expect(errors.contains("the secret file \(file) \(words)"), "\(errors)")
        }
    }

    /// Two processes sharing a key from `--secret-file`: the cart alone, the
    /// catalogue at its peers; a token the other process signed is good here.
    @Test func theCartServiceRunsAloneWithItsPeersElsewhere() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("betterstore-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let secret = directory.appendingPathComponent("secret").path
        try Data((0..<32).map { _ in UInt8.random(in: 0...255) }.map { String(format: "%02x", $0) }.joined().utf8)
            .write(to: URL(fileURLWithPath: secret))
        let pattern = #/^betterstore listening on (http://127\.0\.0\.1:\d+)/#
        let rest = try Run(["serve", "--port", "0", "--data-dir", directory.appendingPathComponent("rest").path,
                            "--only", "product,user", "--secret-file", secret])
        defer { rest.process.terminate(); _ = rest.finish() }
        let restLine = try #require(rest.firstLine())
        let restURL = String(try #require(restLine.firstMatch(of: pattern)).output.1)
        let cart = try Run(["serve", "--port", "0", "--data-dir", directory.appendingPathComponent("cart").path,
                            "--only", "cart", "--peers", restURL, "--secret-file", secret])
        defer { cart.process.terminate(); _ = cart.finish() }
        let cartLine = try #require(cart.firstLine())
        let cartURL = String(try #require(cartLine.firstMatch(of: pattern)).output.1)
        #expect(cart.firstLine() == "betterstore: serving cart only; other services at \(restURL)")

        let request = SignUpRequest(email: "cli-\(UUID().uuidString.prefix(8).lowercased())@example.com", password: "long-enough-pw",
                                    name: "Ann", address: Address(name: "Ann", line1: "1 Queen Street", city: "Auckland", postcode: "1010"))
        let signUp = try RawHTTP.send("POST", restURL + "/user/v1/users",
                                      json: String(decoding: try JSONEncoder().encode(request), as: UTF8.self))
        #expect(signUp.status == 201, "\(signUp.text)")
        let token = try signUp.decode(Session.self).token
        let added = try RawHTTP.send("PUT", cartURL + "/cart/v1/carts/mine/items/dune-ebook", json: #"{"quantity": 2}"#,
                                     headers: ["Authorization": "Bearer \(token)"])
        #expect(added.status == 200, "\(added.text)")
        #expect(try added.decode(Cart.self).lines.first?.unitPrice.amount ?? 0 > 0, "priced from the product service at the peers")
        #expect(try RawHTTP.send("GET", cartURL + "/product/v1/categories").status == 404)
        #expect(!FileManager.default.fileExists(atPath: directory.appendingPathComponent("cart/products.sqlite").path))
        #expect(!FileManager.default.fileExists(atPath: directory.appendingPathComponent("cart/signing.key").path),
                "the key comes from the secret file")
    }

    @Test func helpGoesToStandardOutput() throws {
        let run = try Run(["--help"])
        #expect(run.finish() == 0)
        let text = String(decoding: run.output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(text.contains("--data-dir"))
    }
}
