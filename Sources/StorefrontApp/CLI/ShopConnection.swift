import Foundation
import StoreCore
import StoreHTTP

/// The store the UI talks to: a deployment named by URL, or the embedded
/// shop started in this process.
public final class ShopConnection {
    public let api: StoreAPI
    /// What the status line shows: "embedded shop" or the URL.
    public let endpointLabel: String
    public let baseURL: String
    private var stopAction: (() -> Void)?

    init(baseURL: String, endpointLabel: String, authorities: CertificateAuthorities = .system,
         stop: (() -> Void)? = nil) {
        self.api = StoreClient(baseURL: baseURL, authorities: authorities)
        self.baseURL = baseURL
        self.endpointLabel = endpointLabel
        self.stopAction = stop
    }

    /// The deployment at `url`; an https:// one's certificate must come from `authorities`.
    public static func remote(_ url: String, authorities: CertificateAuthorities) -> ShopConnection {
        ShopConnection(baseURL: url, endpointLabel: url, authorities: authorities)
    }

    /// Stops the embedded shop, if this is one. Safe to call more than once.
    public func close() {
        stopAction?()
        stopAction = nil
    }

    deinit { close() }
}

/// Where the embedded shop keeps its data by default: `$XDG_DATA_HOME/storefront`,
/// else `~/.local/share/storefront`.
enum DataDirectory {
    static func resolve(_ explicit: String?, environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        if let explicit { return explicit }
        if let xdg = environment["XDG_DATA_HOME"], !xdg.isEmpty {
            return (xdg as NSString).appendingPathComponent("storefront")
        }
        let home = environment["HOME"] ?? NSHomeDirectory()
        return (home as NSString).appendingPathComponent(".local/share/storefront")
    }
}
