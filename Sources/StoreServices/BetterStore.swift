import Foundation
import StoreHTTP
import StoreWire

/// The Better Store's reference services in one process: each service on
/// its own database under the data directory, all behind one HTTP host.
/// This is the composition root: the one place that builds and wires them.
public final class BetterStore: @unchecked Sendable {
    public struct Options: Sendable {
        /// Largest request body accepted, in bytes; larger bodies get a 413.
        public var bodyLimit: Int
        /// Connections each serving thread may hold open at once.
        public var connectionLimit: Int
        /// Connections one client address may hold; nil is a quarter of `connectionLimit`.
        public var perAddressConnectionLimit: Int?
        /// Seconds an idle connection is kept.
        public var requestTimeoutSeconds: Int
        /// Gateways (IPv4 addresses) trusted to name the client in `X-Forwarded-For`.
        public var trustedProxies: Set<String> = []
        /// When set (e.g. `smtp://localhost:2525`), receipts go to this SMTP
        /// server instead of the maildir under the data directory.
        public var smtpURL: String?
        /// Seed the catalogue (and demo data) into new databases.
        public var seed: Bool
        /// PBKDF2 iterations for new password hashes; tests lower it to stay fast.
        public var passwordIterations: Int
        /// Start the OrderPurchased dispatcher paused, so tests can drive deliveries.
        public var pipelinePaused: Bool
        /// How long a new order may wait for payment before it expires and its stock is released.
        public var paymentWindow: TimeInterval
        /// Faults to inject from the start (see `FaultPlan`); `BetterStore.faults` changes them later.
        public var faults: FaultPlan
        /// Sign-in failures and sign-ups allowed per email and per client address a minute.
        public var signInLimits = SignInLimits()
        /// Password hashes run at once, and how many more may wait (nil: twice the slots).
        public var hashingSlots = PasswordHashingGate.defaultSlots
        public var hashingQueue: Int?
        /// Anonymous carts kept at once (signed-in shoppers' carts are never counted or evicted).
        public var anonymousCartLimit = InMemoryCartStore.defaultAnonymousLimit
        /// Where carts live: in memory, or in Redis (checked at start: `StoreUnreachable` when it does not answer).
        public var cartStore = CartStoreLocation.memory
        /// How long an anonymous cart lives after its last change (nil: Redis 30 days, memory until evicted).
        public var anonymousCartTTL: TimeInterval?
        /// The prefix of the carts' Redis keys, so several shops (or tests) can share one server.
        public var cartKeyPrefix = RedisCartStore.defaultKeyPrefix
        /// Which database each stateful service uses (`--database`); SQLite in the data directory by default.
        public var databases = DatabaseSettings()
        /// The services run here (`--only`); the others are reached at `peers`.
        public var only = Set(ServiceName.allCases)
        /// The origin (normally the gateway) of the services not run here (`--peers`).
        public var peers: String?
        /// Seconds a call to a peer may take, connecting and answering.
        public var peerTimeouts = (connect: RemotePeer.defaultConnectTimeout, request: RemotePeer.defaultRequestTimeout)
        /// Who an https:// `peers` origin's certificate must come from (`--cacert`, as for curl).
        public var peerAuthorities = CertificateAuthorities.system
        /// The signing key shared by instances (`--secret-file`); nil reads or makes one in the data directory.
        public var sharedKey: SigningKey?
        /// Where each request and each event a consumer handles is written, with its trace (silent by default).
        public var log = ServiceLog.silent

        public init(bodyLimit: Int = 1 << 20, connectionLimit: Int = 256, perAddressConnectionLimit: Int? = nil,
                    requestTimeoutSeconds: Int = 30, smtpURL: String? = nil, seed: Bool = true,
                    passwordIterations: Int = PasswordHasher.defaultIterations, pipelinePaused: Bool = false,
                    paymentWindow: TimeInterval = 30 * 60, faults: FaultPlan = FaultPlan()) {
            self.bodyLimit = bodyLimit
            self.perAddressConnectionLimit = perAddressConnectionLimit
            self.connectionLimit = connectionLimit
            self.requestTimeoutSeconds = requestTimeoutSeconds
            self.smtpURL = smtpURL
            self.seed = seed
            self.passwordIterations = passwordIterations
            self.pipelinePaused = pipelinePaused
            self.paymentWindow = paymentWindow
            self.faults = faults
        }

        var hostConfiguration: HostConfiguration {
            var configuration = HostConfiguration(connectionLimit: connectionLimit, perAddressConnectionLimit: perAddressConnectionLimit,
                                                  requestTimeoutSeconds: requestTimeoutSeconds, bodyLimit: bodyLimit)
            configuration.trustedProxies = trustedProxies
            return configuration
        }
    }

    public let dataDirectory: URL
    public let options: Options
    public let router = Router()
    /// The catalogue, also the `ProductCatalog` other services price from; nil when the product service runs elsewhere.
    public let products: ProductStore!
    /// The carts, also the `CartAccess` the order service reads from; nil when the cart service runs elsewhere.
    public let carts: CartService!
    /// Checks bearer tokens for every service that needs a signed-in user.
    public let tokenVerifier: BearerTokenVerifier
    /// Users, orders, payments and the OrderPurchased pipeline.
    public let commerce: CommerceServices
    /// The faults in force; tests and demos may change them while running.
    public let faults: Faults

    private let host: ServiceHost
    private var services: [HTTPService] = []
    /// Work to do on `stop()` before the host goes down, e.g. stopping a background dispatcher.
    private var stopActions: [() -> Void] = []
    private let lock = NSLock()
    private var listening: (host: String, port: UInt16)?

    /// Creates the data directory if needed, opens the databases and wires the services.
    public init(dataDirectory: URL, options: Options = .init()) throws {
        self.dataDirectory = dataDirectory
        self.options = options
        try PrivateFiles.makeDirectory(dataDirectory)
        host = ServiceHost(router: router, configuration: options.hostConfiguration)
        faults = Faults(options.faults)
        router.faults = faults
        router.log = options.log

        // Signed-in users: the verifier of the user service's session tokens.
        let security = try SecurityContext(dataDirectory: dataDirectory, sharedKey: options.sharedKey)
        tokenVerifier = security.sessions
        // Services run here are called in process, straight or through the router; the others at the peers.
        let peers = try PeerDirectory(running: options.only, router: router, origin: options.peers,
                                      timeouts: options.peerTimeouts, authorities: options.peerAuthorities)

        products = options.only.contains(.product)
            ? try ProductStore(database: options.databases.open(.product, schema: "products", fileName: ProductStore.fileName,
                                                                dataDirectory: dataDirectory), seed: options.seed)
            : nil
        let catalog: ProductCatalog? = products ?? peers.remote(.product).map {
            RemoteCatalog(peer: $0, signature: security.peerSignature)
        }
        if let products { services.append(ProductService(store: products, peerSignature: security.peerSignature)) }

        carts = try options.only.contains(.cart)
            ? CartService(store: options.cartStore.makeStore(anonymousLimit: options.anonymousCartLimit,
                                                             anonymousTTL: options.anonymousCartTTL,
                                                             keyPrefix: options.cartKeyPrefix),
                          catalog: peers.required(catalog, .product), verifier: tokenVerifier)
            : nil
        let cartAccess: CartAccess? = carts ?? peers.remote(.cart).map {
            RemoteCarts(peer: $0, signature: security.peerSignature)
        }
        if let carts { services += [carts, CartInternalRoutes(carts: carts, signature: security.peerSignature)] }

        // The user, order and payment services and the OrderPurchased pipeline
        // are built and added to `services` here (and their shutdown to `stopActions`).
        commerce = try CommerceServices(dataDirectory: dataDirectory, running: options.only, databases: options.databases,
                                        security: security,
                                        orderService: peers.caller(.order),
                                        catalog: catalog, carts: cartAccess, passwordIterations: options.passwordIterations,
                                        smtpURL: options.smtpURL, seedDemoAccount: options.seed,
                                        pipelinePaused: options.pipelinePaused, paymentWindow: options.paymentWindow,
                                        faults: faults, signInLimits: options.signInLimits,
                                        hashing: PasswordHashingGate(slots: options.hashingSlots, waiting: options.hashingQueue),
                                        log: options.log)
        services += commerce.services
        stopActions.append { [commerce] in commerce.stop() }
        commerce.start()

        for service in services { service.register(on: router) }
        router.get("/health") { _ in try .json(["status": "ok"]) }
        OpenAPIDocument.register(on: router)
    }

    deinit { stop() }

    /// Starts serving and returns the port (the free one chosen when `port` is 0).
    @discardableResult
    public func start(host address: String = "127.0.0.1", port: UInt16 = 0) throws -> UInt16 {
        let chosen = try host.start(host: address, port: port)
        lock.lock(); listening = (address, chosen); lock.unlock()
        return chosen
    }

    /// `http://HOST:PORT` while running (a wildcard address reads as loopback);
    /// empty before `start`.
    public var baseURL: String {
        lock.lock(); defer { lock.unlock() }
        guard let listening else { return "" }
        let name = listening.host == "0.0.0.0" ? "127.0.0.1" : listening.host
        return "http://\(name):\(listening.port)"
    }

    /// Stops background work, then the host (waiting for requests in flight).
    public func stop() {
        lock.lock()
        let actions = stopActions
        stopActions = []
        listening = nil
        lock.unlock()
        for action in actions { action() }
        host.stop()
    }
}
