import StoreWire

/// The host and port a base URL names, for sentences such as "nothing is
/// listening at 127.0.0.1:8080": the port is the scheme's when the URL has none.
/// Read from the URL's text: Foundation's URLComponents would start ICU's
/// international-domain-name tables for the host, megabytes touched before a
/// client's first page for a name that is only ever printed.
struct Endpoint: Hashable, Sendable {
    var host: String
    var port: Int

    init(url: String) {
        let schemeEnd = LiteralSearch.firstRange(of: "://", in: url[...])
        let scheme = schemeEnd.map { url[..<$0.lowerBound].lowercased() }
        let rest = schemeEnd.map { url[$0.upperBound...] } ?? url[...]
        var authority = rest.prefix { $0 != "/" && $0 != "?" && $0 != "#" }
        if let at = authority.lastIndex(of: "@") { authority = authority[authority.index(after: at)...] }
        var host = authority
        var port: Int?
        if authority.hasPrefix("["), let close = authority.firstIndex(of: "]") {
            host = authority[authority.index(after: authority.startIndex)..<close]
            let after = authority[authority.index(after: close)...]
            if after.hasPrefix(":") { port = Int(after.dropFirst()) }
        } else if let colon = authority.lastIndex(of: ":") {
            host = authority[..<colon]
            port = Int(authority[authority.index(after: colon)...])
        }
        self.host = host.isEmpty ? url : String(host)
        self.port = port ?? (scheme == "https" ? 443 : 80)
    }
}
