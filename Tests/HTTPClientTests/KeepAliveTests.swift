import Foundation
import StoreCore
import StoreHTTP
import Testing

/// Calls in a row reuse one kept-alive connection instead of opening one each.
@Suite struct KeepAliveTests {
    /// Client-side TCP connections to `port` in a state, from /proc/net/tcp
    /// (state 01 is ESTABLISHED, 06 TIME_WAIT).
    private func connections(toPort port: Int, state: String) throws -> Int {
        let table = try String(contentsOfFile: "/proc/net/tcp", encoding: .utf8)
        let portHex = String(format: "%04X", port)
        return table.split(separator: "\n").dropFirst().filter { row in
            let fields = row.split(separator: " ")
            guard fields.count > 3 else { return false }
            return fields[2].hasSuffix(":" + portHex) && fields[3] == state
        }.count
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
