import Foundation
import TestSupport
#if canImport(Glibc)
import Glibc
#endif

/// A bare TCP listener on 127.0.0.1 for the cases the real services cannot
/// produce on demand: a server that never answers, or one that answers garbage.
final class LoopbackListener: @unchecked Sendable {
    enum Behaviour {
        /// Accepts connections and never writes a byte.
        case silent
        /// Reads the request head, writes these bytes and closes.
        case reply(String)
    }

    let port: Int
    private let socketFD: Int32
    private let behaviour: Behaviour
    private let lock = NSLock()
    private var accepted: [Int32] = []
    private var closed = false
    private var heads: [String] = []
    private let acceptLoopEnded = DispatchSemaphore(value: 0)

    init(_ behaviour: Behaviour) throws {
        self.behaviour = behaviour
        (socketFD, port) = try Self.bindLoopback()
        guard listen(socketFD, 16) == 0 else {
            close(socketFD)
            throw POSIXError(.EADDRINUSE)
        }
        let thread = Thread { [self] in
            acceptLoop()
            acceptLoopEnded.signal()
        }
        thread.start()
    }

    /// A TCP socket bound to 127.0.0.1 on a port the system picks.
    private static func bindLoopback() throws -> (fd: Int32, port: Int) {
        // No SO_REUSEADDR: with it the kernel may hand out a port another test's
        // server (redis, mariadbd) has just been told to bind, and both would bind it.
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard bound == 0 else {
            close(fd)
            throw POSIXError(.EADDRINUSE)
        }
        return (fd, localPort(of: fd))
    }

    var baseURL: String { "http://127.0.0.1:\(port)" }

    /// The request heads (request line and headers) read so far, in order.
    var receivedHeads: [String] {
        lock.lock()
        defer { lock.unlock() }
        return heads
    }

    func stop() {
        lock.lock()
        closed = true
        let open = accepted
        accepted = []
        lock.unlock()
        open.forEach { close($0) }
        // Wake the accept loop and let it end before the descriptor is closed, so it
        // can never accept on a reused descriptor number that belongs to another test.
        shutdown(socketFD, Int32(SHUT_RDWR))
        acceptLoopEnded.wait()
        close(socketFD)
    }

    private func acceptLoop() {
        while true {
            let connection = accept(socketFD, nil, nil)
            if connection < 0 { return }
            lock.lock()
            if closed { lock.unlock(); close(connection); return }
            accepted.append(connection)
            lock.unlock()
            if case .reply(let text) = behaviour {
                let head = readRequest(connection)
                lock.lock()
                heads.append(head)
                lock.unlock()
                let bytes = Array(text.utf8)
                _ = bytes.withUnsafeBytes { send(connection, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
                closeGracefully(connection)
                lock.lock()
                accepted.removeAll { $0 == connection }
                lock.unlock()
                close(connection)
            }
        }
    }

    /// Ends the write side and waits (briefly) for the client to close, so no
    /// unread byte turns the close into a reset that could cut the reply short.
    private func closeGracefully(_ connection: Int32) {
        shutdown(connection, Int32(SHUT_WR))
        var timeout = timeval(tv_sec: 1, tv_usec: 0)
        setsockopt(connection, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var sink = [UInt8](repeating: 0, count: 1024)
        while recv(connection, &sink, sink.count, 0) > 0 {}
    }

    /// Reads the whole request (head and Content-Length body) so that closing the
    /// socket afterwards does not reset the connection under the reply. Returns the head.
    private func readRequest(_ connection: Int32) -> String {
        var received = [UInt8]()
        var chunk = [UInt8](repeating: 0, count: 4096)
        while received.count < 1 << 20 {
            let text = String(decoding: received, as: UTF8.self)
            if let headEnd = text.range(of: "\r\n\r\n") {
                let head = text[..<headEnd.lowerBound].lowercased()
                let length = head.split(separator: "\r\n")
                    .first { $0.hasPrefix("content-length:") }
                    .flatMap { Int($0.dropFirst("content-length:".count).trimmingCharacters(in: .whitespaces)) } ?? 0
                if received.count >= text[..<headEnd.upperBound].utf8.count + length {
                    return String(text[..<headEnd.lowerBound])
                }
            }
            let count = recv(connection, &chunk, chunk.count, 0)
            if count <= 0 { break }
            received += chunk[0..<count]
        }
        let text = String(decoding: received, as: UTF8.self)
        return String(text[..<(text.range(of: "\r\n\r\n")?.lowerBound ?? text.endIndex)])
    }

    private static func localPort(of fd: Int32) -> Int {
        var address = sockaddr_in()
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    /// A port on which nothing listens: bound, read and released.
    static func unusedPort() throws -> Int {
        try LoopbackPort.unused()
    }

    /// A plain HTTP/1.1 answer.
    static func response(status: Int, reason: String, contentType: String, body: String) -> String {
        "HTTP/1.1 \(status) \(reason)\r\nContent-Type: \(contentType)\r\nContent-Length: \(body.utf8.count)\r\nConnection: close\r\n\r\n\(body)"
    }
}
