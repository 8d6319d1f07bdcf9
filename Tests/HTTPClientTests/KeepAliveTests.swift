import Foundation
#if canImport(Glibc)
import Glibc
#endif
import StoreWire
import StoreHTTP
import Testing

/// Calls in a row reuse one kept-alive connection instead of opening one each.
@Suite struct KeepAliveTests {
    /// Client-side TCP connections to `port` in a state, from /proc/net/tcp
    /// (state 01 is ESTABLISHED, 06 TIME_WAIT).
    private func connections(toPort port: Int, state: String) throws -> Int {
        let table = try readWhole("/proc/net/tcp")
        let portHex = String(format: "%04X", port)
        return table.split(separator: "\n").dropFirst().filter { row in
            let fields = row.split(separator: " ")
            guard fields.count > 3 else { return false }
            return fields[2].hasSuffix(":" + portHex) && fields[3] == state
        }.count
    }

    /// procfs hands out a table a page per read, and Foundation's file reading
    /// stops after the first; on a busy machine the rows sought are further on.
    private func readWhole(_ path: String) throws -> String {
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else { throw CocoaError(.fileReadNoSuchFile) }
        defer { close(descriptor) }
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while true {
            let count = read(descriptor, &buffer, buffer.count)
            if count <= 0 { break }
            bytes += buffer[0..<count]
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    @Test func sequentialCallsShareOneConnection() throws {
        let store = try RunningStore()
        let port = try #require(URL(string: store.services.baseURL)?.port)
        for offset in 0..<10 {
            _ = try store.client.products(ProductQuery(limit: 5, offset: offset))
        }
        _ = try store.client.categories()
        #expect(try connections(toPort: port, state: "01") == 1)
        #expect(try connections(toPort: port, state: "06") == 0)
    }
}
