import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Sends bytes over a plain TCP connection to a loopback port and reads the
/// answer until the server closes, for requests no HTTP library would make:
/// a NUL in the request line, control bytes in headers, headers of any size.
public enum RawSocket {
    public struct Failure: Error, CustomStringConvertible {
        public let description: String
        public init(description: String) { self.description = description }
    }

    /// The bytes the server sent back before closing (requests should carry `Connection: close`).
    /// `source` is the local address to connect from, e.g. "127.0.0.2" to stand for another client.
    public static func exchange(port: UInt16, _ request: Data, from source: String? = nil,
                                timeout: TimeInterval = 10) throws -> Data {
        let socketFD = try connected(port: port, from: source, timeout: timeout)
        defer { close(socketFD) }
        var sent = 0
        try request.withUnsafeBytes { buffer in
            while sent < buffer.count {
                let count = Glibc.send(socketFD, buffer.baseAddress! + sent, buffer.count - sent, Int32(MSG_NOSIGNAL))
                // The server may answer and close before reading everything (e.g. a header too large).
                if count <= 0 { return }
                sent += count
            }
        }
        var received = Data()
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            let count = recv(socketFD, &chunk, chunk.count, 0)
            if count > 0 { received.append(contentsOf: chunk[0..<count]); continue }
            if count == 0 { break }
            if received.isEmpty { throw Failure(description: "no answer (errno \(errno))") }
            break
        }
        return received
    }

    /// A socket connected to 127.0.0.1:`port` (from `source` when given); the caller closes it.
    public static func connected(port: UInt16, from source: String? = nil, timeout: TimeInterval = 10) throws -> Int32 {
        let socketFD = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard socketFD >= 0 else { throw Failure(description: "socket() failed") }
        var seconds = timeval(tv_sec: Int(timeout), tv_usec: 0)
        setsockopt(socketFD, SOL_SOCKET, SO_RCVTIMEO, &seconds, socklen_t(MemoryLayout<timeval>.size))
        setsockopt(socketFD, SOL_SOCKET, SO_SNDTIMEO, &seconds, socklen_t(MemoryLayout<timeval>.size))
        if let source {
            var local = sockaddr_in()
            local.sin_family = sa_family_t(AF_INET)
            guard inet_pton(AF_INET, source, &local.sin_addr) == 1 else { close(socketFD); throw Failure(description: "bad source \(source)") }
            let bound = withUnsafePointer(to: &local) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(socketFD, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
            }
            guard bound == 0 else { close(socketFD); throw Failure(description: "bind(\(source)) failed: \(errno)") }
        }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        address.sin_addr.s_addr = UInt32(0x7F00_0001).bigEndian
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(socketFD, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard result == 0 else { close(socketFD); throw Failure(description: "connect() failed: \(errno)") }
        return socketFD
    }

    /// The status, lower-cased headers and body of an HTTP/1.1 answer, or nil
    /// when the bytes are not one (e.g. the connection was dropped).
    public static func response(from data: Data) -> RawResponse? {
        let separator = Data("\r\n\r\n".utf8)
        guard let end = data.range(of: separator) else { return nil }
        let head = String(decoding: data[data.startIndex..<end.lowerBound], as: UTF8.self)
        var lines = head.components(separatedBy: "\r\n")
        guard !lines.isEmpty else { return nil }
        let statusParts = lines.removeFirst().split(separator: " ")
        guard statusParts.count >= 2, statusParts[0].hasPrefix("HTTP/1."), let status = Int(statusParts[1]) else { return nil }
        var headers: [String: String] = [:]
        for line in lines {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        var body = Data(data[end.upperBound...])
        if let length = headers["content-length"].flatMap(Int.init) {
            guard body.count >= length else { return nil }
            body = body.prefix(length)
        }
        return RawResponse(status: status, headers: headers, body: body)
    }

    /// Sends a request built from its parts and reads the answer.
    public static func send(port: UInt16, requestLine: Data, headers: [(String, Data)], body: Data = Data(),
                            from source: String? = nil, timeout: TimeInterval = 10) throws -> RawResponse {
        var request = requestLine + Data("\r\nHost: 127.0.0.1\r\nConnection: close\r\n".utf8)
        for (name, value) in headers { request += Data("\(name): ".utf8) + value + Data("\r\n".utf8) }
        if !body.isEmpty { request += Data("Content-Length: \(body.count)\r\n".utf8) }
        request += Data("\r\n".utf8) + body
        let answer = try exchange(port: port, request, from: source, timeout: timeout)
        guard let response = response(from: answer) else {
            throw Failure(description: "not an HTTP answer: \(String(decoding: answer.prefix(200), as: UTF8.self))")
        }
        return response
    }
}
