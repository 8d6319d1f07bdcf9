import Foundation

/// The host and port a base URL names, for sentences such as "nothing is
/// listening at 127.0.0.1:8080": the port is the scheme's when the URL has none.
struct Endpoint: Hashable, Sendable {
    var host: String
    var port: Int

    init(url: String) {
        let components = URLComponents(string: url)
        var host = components?.host ?? url
        if host.hasPrefix("["), host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        self.host = host
        self.port = components?.port ?? (components?.scheme?.lowercased() == "https" ? 443 : 80)
    }
}
