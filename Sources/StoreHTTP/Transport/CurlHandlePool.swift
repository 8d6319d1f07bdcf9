import CCurl
import Foundation

/// A few idle easy handles shared by the threads that call the store. A handle
/// keeps its connection open between requests, so reusing it avoids a new TCP
/// (and TLS) handshake per call.
final class CurlHandlePool: @unchecked Sendable {
    private let lock = NSLock()
    private var idle: [UnsafeMutableRawPointer] = []
    private let maxIdle: Int

    init(maxIdle: Int = 8) {
        CurlGlobal.ensureInitialised()
        self.maxIdle = maxIdle
    }

    deinit {
        idle.forEach { curl_easy_cleanup($0) }
    }

    /// Borrows a handle (a fresh one when none is idle) for the duration of `body`;
    /// nil when libcurl could not create one.
    func withHandle<T>(_ body: (UnsafeMutableRawPointer) throws -> T) rethrows -> T? {
        guard let handle = take() else { return nil }
        defer { giveBack(handle) }
        return try body(handle)
    }

    private func take() -> UnsafeMutableRawPointer? {
        lock.lock()
        let reused = idle.popLast()
        lock.unlock()
        return reused ?? curl_easy_init()
    }

    private func giveBack(_ handle: UnsafeMutableRawPointer) {
        lock.lock()
        if idle.count < maxIdle {
            idle.append(handle)
            lock.unlock()
        } else {
            lock.unlock()
            curl_easy_cleanup(handle)
        }
    }
}
