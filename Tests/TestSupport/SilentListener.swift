import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A socket on 127.0.0.1 that listens but never accepts or answers: the
/// kernel completes connections into its backlog, and requests wait forever —
/// a peer that hangs. `close()` ends it (call it in a `defer`).
public final class SilentListener: @unchecked Sendable {
    public let port: Int
    private var descriptor: Int32

    public init() throws {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw LoopbackPort.Unavailable() }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let listening = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(fd, $0, length) == 0 && getsockname(fd, $0, &length) == 0 && listen(fd, 16) == 0
            }
        }
        guard listening else {
            Glibc.close(fd)
            throw LoopbackPort.Unavailable()
        }
        descriptor = fd
        port = Int(UInt16(bigEndian: address.sin_port))
    }

    deinit { close() }

    /// Stops listening. Safe to call twice.
    public func close() {
        guard descriptor >= 0 else { return }
        Glibc.close(descriptor)
        descriptor = -1
    }
}
