import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A port on 127.0.0.1 on which nothing listens: bound to port 0, read and
/// released, for servers that must be told their port (nginx) and for
/// "connection refused".
public enum LoopbackPort {
    public struct Unavailable: Error {}

    public static func unused() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw Unavailable() }
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(fd, $0, length) == 0 && getsockname(fd, $0, &length) == 0
            }
        }
        guard bound else { throw Unavailable() }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    /// Starts a server that must be told its port. A port picked now may be
    /// taken before the server binds it, so a few are tried (or only `fixed`,
    /// again, when the server must come back on its old port). Returns the
    /// port it started on and what `start` returned.
    public static func startServer<Started>(_ name: String, on fixed: Int? = nil, tries: Int = 3,
                                            _ start: (Int) throws -> Started) throws -> (port: Int, started: Started) {
        var lastError: Error = Spawn.Failed(description: "\(name) did not start")
        for _ in 0..<tries {
            let candidate = try fixed ?? unused()
            do {
                return (candidate, try start(candidate))
            } catch {
                lastError = error
            }
        }
        throw lastError
    }
}
