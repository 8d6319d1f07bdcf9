import Foundation

/// The user, order and payment services and the OrderPurchased pipeline,
/// built together on the data directory. BetterStore adds them to its router
/// and stops them with it.
public final class CommerceServices: @unchecked Sendable {
    public let users: UserService
    public let orders: OrderService
    public let payments: PaymentService
    public let reporting: ReportingStore
    public let fulfillment: FulfillmentStore
    public let dispatcher: OutboxDispatcher
    /// Background rounds: order expiry and payment settlement.
    let housekeeping: [PeriodicWork]
    /// Where receipts go when no SMTP server is configured.
    public let maildir: URL

    public var services: [HTTPService] { [users, orders, payments] }

    public init(dataDirectory: URL, security: SecurityContext, router: Router, catalog: ProductCatalog,
                carts: CartAccess, passwordIterations: Int, smtpURL: String?, seedDemoAccount: Bool,
                pipelinePaused: Bool, paymentWindow: TimeInterval, faults: Faults,
                signInLimits: SignInLimits = .init(), hashing: PasswordHashingGate = .init()) throws {
        users = try UserService(store: UserStore(dataDirectory: dataDirectory), tokens: security.sessions,
                                hasher: PasswordHasher(iterations: passwordIterations), hashing: hashing,
                                limits: signInLimits, seedDemoAccount: seedDemoAccount)
        fulfillment = try FulfillmentStore(dataDirectory: dataDirectory)
        reporting = try ReportingStore(dataDirectory: dataDirectory)
        let orderStore = try OrderStore(dataDirectory: dataDirectory)
        orders = OrderService(store: orderStore, catalog: catalog, carts: carts, verifier: security.sessions,
                              intents: security.paymentIntents, signature: security.eventSignature,
                              fulfillment: fulfillment)
        payments = PaymentService(router: router, verifier: security.sessions, intents: security.paymentIntents,
                                  signature: security.eventSignature, network: try CardNetwork(dataDirectory: dataDirectory),
                                  fingerprintKey: security.signingKey.derived(for: "card-fingerprint"))

        maildir = dataDirectory.appendingPathComponent("maildir", isDirectory: true)
        let delivery: Mailer = smtpURL.map { SMTPMailer(url: $0) } ?? MaildirMailer(root: maildir)
        let mailer = FaultyMailer(wrapped: delivery, faults: faults)
        let processed = try ProcessedEvents(dataDirectory: dataDirectory)
        let reportingConsumer = ReportingConsumer(store: reporting)
        let stockRelease = StockReleaseConsumer(catalog: catalog)
        dispatcher = OutboxDispatcher(store: orderStore, consumers: [
            reportingConsumer,
            ReceiptConsumer(mailer: mailer, processed: processed),
            FulfillmentConsumer(store: fulfillment, mailer: mailer),
            CartEmptyingConsumer(carts: carts, processed: processed),
        ], cancellationConsumers: [reportingConsumer, stockRelease], expiryConsumers: [stockRelease],
           startPaused: pipelinePaused)
        dispatcher.isStalled = { faults.dispatcherStalled }
        orders.dispatcher = dispatcher
        orders.paymentWindow = paymentWindow
        orders.faults = faults
        housekeeping = [
            PeriodicWork(name: "order-expiry", interval: 2) { [orders] in _ = try? orders.expireOverdueOrders() },
            PeriodicWork(name: "payment-settlement", interval: 5) { [payments] in payments.settleOpenAuthorisations() },
        ]
    }

    /// Starts delivering the outbox (including events left undelivered by an
    /// earlier run), expiring unpaid orders and settling open authorisations.
    public func start() {
        dispatcher.start()
        for work in housekeeping { work.start() }
    }

    public func stop() {
        for work in housekeeping { work.stop() }
        dispatcher.stop()
    }
}
