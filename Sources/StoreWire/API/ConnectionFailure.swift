/// Why no usable answer came from the store, in terms a person can act on:
/// each reason has a sentence that says what to check or what to pass.
public struct ConnectionFailure: Hashable, Sendable {
    public enum Reason: Hashable, Sendable {
        /// The host name did not resolve (DNS).
        case nameNotFound
        /// Nothing listens at the host and port.
        case refused
        /// The server's certificate was refused.
        case certificateNotTrusted(CertificateProblem)
        /// The TLS handshake failed for another reason (not a TLS server, no common protocol).
        case handshakeFailed
        /// A gateway answered 502, 503 or 504 without the store's JSON error: the service behind it is away.
        case gateway(status: Int)
        /// Anything else: a dropped connection, no route, a proxy that failed.
        case other
    }

    public enum CertificateProblem: Hashable, Sendable {
        /// Signed by an authority not in the trusted set (a private CA, a self-signed certificate).
        case unknownAuthority
        /// Issued for another host name.
        case hostnameMismatch
        case expired
        case notYetValid
        /// Any other verification failure; `detail` has the library's words.
        case other
    }

    public var reason: Reason
    /// The host the client tried, as written in the URL.
    public var host: String
    public var port: Int
    /// The method, URL and the transport's own words, for logs and tests. Never a request body.
    public var detail: String

    public init(_ reason: Reason, host: String, port: Int, detail: String) {
        self.reason = reason; self.host = host; self.port = port; self.detail = detail
    }

    /// "127.0.0.1:8443", with brackets for an IPv6 address.
    public var hostAndPort: String {
        (host.contains(":") ? "[\(host)]" : host) + ":\(port)"
    }

    /// A few words for the status line, e.g. "certificate not trusted".
    public var summary: String {
        switch reason {
        case .nameNotFound: return "host not found"
        case .refused: return "connection refused"
        case .certificateNotTrusted: return "certificate not trusted"
        case .handshakeFailed: return "TLS handshake failed"
        case .gateway(let status): return "gateway answered \(status)"
        case .other: return "store unreachable"
        }
    }

    /// One sentence that says what failed and what to do about it, the advice
    /// early: the notice line of a narrow terminal cuts the end.
    public var sentence: String {
        switch reason {
        case .nameNotFound:
            return "No host named \(host) was found (DNS) — check the address given to --api."
        case .refused:
            return "Nothing is listening at \(hostAndPort) (connection refused) — is the store running there?"
        case .certificateNotTrusted(let problem):
            return Self.certificateSentence(problem, host: host, detail: detail)
        case .handshakeFailed:
            return "The TLS handshake with \(hostAndPort) failed — is it an https:// server?"
        case .gateway(let status):
            let behind = status == 504 ? "did not answer in time" : "is down or restarting"
            return "The gateway at \(hostAndPort) answered \(status) \(Self.statusName(status)): "
                + "the service behind it \(behind)."
        case .other:
            return "The store at \(hostAndPort) could not be reached: \(Self.lastPart(of: detail))."
        }
    }

    private static func certificateSentence(_ problem: CertificateProblem, host: String, detail: String) -> String {
        switch problem {
        case .unknownAuthority:
            return "The certificate is issued by an authority this computer does not trust — pass --cacert FILE."
        case .hostnameMismatch:
            return "The certificate was issued for another name than \(host) (hostname mismatch)."
        case .expired:
            return "The certificate of \(host) has expired — the server needs a new one."
        case .notYetValid:
            return "The certificate of \(host) is not valid yet — check this computer's clock."
        case .other:
            return "The certificate of \(host) is not trusted: \(lastPart(of: detail))."
        }
    }

    private static func statusName(_ status: Int) -> String {
        switch status {
        case 502: return "Bad Gateway"
        case 503: return "Service Unavailable"
        case 504: return "Gateway Timeout"
        default: return "error"
        }
    }

    /// The transport's own words: what follows "METHOD URL: " in `detail`.
    private static func lastPart(of detail: String) -> String {
        guard let range = detail.range(of: ": ") else { return detail }
        var words = String(detail[range.upperBound...])
        while words.last == "." { words.removeLast() }
        return words
    }
}
