import Foundation
import StoreCore
import StoreServices

/// A running BetterStore for one test: its own free loopback port and its own
/// fresh data directory, so tests can run in parallel.
///
///     let shop = try TestStore()
///     defer { shop.stop() }
///     let answer = try shop.send("GET", "/product/v1/categories")
///
/// `stop()` stops the services and deletes the data directory.
public final class TestStore: @unchecked Sendable {
    /// The services; replaced by `restart()`.
    public private(set) var store: BetterStore
    public let dataDirectory: URL
    public let options: BetterStore.Options
    /// `http://127.0.0.1:PORT`; changes on `restart()`.
    public private(set) var baseURL: String
    private var stopped = false

    /// Options for tests that do not test password hashing: 1,000 PBKDF2
    /// iterations instead of the production count keeps start-up and sign-in
    /// fast when many tests run at once.
    public static var fastOptions: BetterStore.Options {
        BetterStore.Options(passwordIterations: 1_000)
    }

    /// Starts the services on port 0 in a new temporary directory.
    public init(options: BetterStore.Options = .init()) throws {
        self.options = options
        dataDirectory = FileManager.default.temporaryDirectory
            .appendingPathComponent("betterstore-test-\(UUID().uuidString)", isDirectory: true)
        store = try BetterStore(dataDirectory: dataDirectory, options: options)
        try store.start(port: 0)
        baseURL = store.baseURL
    }

    deinit { stop() }

    /// Stops the services and starts new ones on the same data directory (a
    /// new port), as after a crash or a redeploy. In-memory carts are lost.
    public func restart() throws {
        store.stop()
        store = try BetterStore(dataDirectory: dataDirectory, options: options)
        try store.start(port: 0)
        baseURL = store.baseURL
    }

    /// Stops the services and removes the data directory. Safe to call twice.
    public func stop() {
        guard !stopped else { return }
        stopped = true
        store.stop()
        try? FileManager.default.removeItem(at: dataDirectory)
    }

    /// The port the services listen on; changes on `restart()`.
    public var port: UInt16 { URL(string: baseURL)?.port.flatMap { UInt16(exactly: $0) } ?? 0 }

    /// The full URL of a path such as `/product/v1/categories`.
    public func url(_ path: String) -> String { baseURL + path }

    /// Sends a request to this store; see `RawHTTP.send`.
    public func send(_ method: String, _ path: String, headers: [String: String] = [:],
                     body: Data? = nil) throws -> RawResponse {
        try RawHTTP.send(method, url(path), headers: headers, body: body)
    }

    /// Sends `json` text as the body, malformed or not.
    public func send(_ method: String, _ path: String, json: String,
                     headers: [String: String] = [:]) throws -> RawResponse {
        try RawHTTP.send(method, url(path), json: json, headers: headers)
    }
}
