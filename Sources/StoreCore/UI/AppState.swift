import Foundation

/// The whole state of the client: one value, changed only by `Storefront.update`.
public struct AppState: Hashable, Sendable {
    public var config: AppConfig
    public var keymap: Keymap
    /// The clock as last told (start time, then ticks).
    public var now: Date
    public var screen: ScreenID = .home
    /// Screens to return to with Esc.
    public var history: [ScreenID] = []
    public var overlay: Overlay?
    public var notice: Notice?
    public var session: Session?
    public var network = NetworkState()

    public var home = HomeState()
    public var catalogue = CatalogueState()
    public var product = ProductState()
    public var cart = CartState()
    public var signIn = SignInState()
    public var checkout = CheckoutState()
    public var orders = OrdersState()
    public var backstage: BackstageState
    /// The terminal's size as last told (nil before the first resize message).
    public var terminalSize: Size?

    public init(config: AppConfig, keymap: Keymap = .standard) {
        self.config = config
        self.keymap = keymap
        self.now = config.now
        self.backstage = BackstageState(shown: config.behindTheScenes)
    }

    /// A checkout is under way: quitting asks first.
    public var isCheckingOut: Bool {
        screen.isCheckoutStep || checkout.phase != .idle
            || (screen == .signIn && signIn.then == .checkout)
    }

    /// The token of the signed-in user, if any.
    public var token: String? { session?.token }
}

/// Something drawn on top of the current screen.
public enum Overlay: Hashable, Sendable {
    case help(scroll: Int)
    case confirmQuit
    case confirmSignOut
    case confirmCancel(orderID: String, number: String)
}

/// A one-line message such as "Added ‘Dune’ to cart".
public struct Notice: Hashable, Sendable {
    public enum Kind: Hashable, Sendable { case info, success, error }
    public var text: String
    public var kind: Kind
    /// When it disappears; nil keeps it until replaced.
    public var expires: Date?
    public init(_ text: String, kind: Kind = .info, expires: Date? = nil) {
        self.text = text; self.kind = kind; self.expires = expires
    }

    public var role: Role {
        switch kind {
        case .info: return .notice
        case .success: return .success
        case .error: return .error
        }
    }
}

/// Requests in flight and those that failed for want of a connection.
public struct NetworkState: Hashable, Sendable {
    public var inFlight: [APIRequest] = []
    /// Requests that could not reach the store, or loads the store could not
    /// answer (5xx, an unreadable answer); `r` sends them again.
    public var failed: [FailedRequest] = []
    public var unreachable = false
    /// Why the last request that could not reach the store failed, until one gets through.
    public var lastFailure: APIError?

    public func isLoading(_ matches: (APIRequest) -> Bool) -> Bool { inFlight.contains(where: matches) }

    /// Why the last failed request that `matches` failed, while it waits for `r`.
    public func failure(_ matches: (APIRequest) -> Bool) -> APIError? {
        failed.last { matches($0.request) }?.error
    }
}

public struct FailedRequest: Hashable, Sendable {
    public var request: APIRequest
    public var error: APIError
}
