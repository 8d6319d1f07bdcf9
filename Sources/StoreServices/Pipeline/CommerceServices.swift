import Foundation

/// The user, order and payment services and the OrderPurchased pipeline,
/// built together on the data directory. BetterStore adds them to its router
/// and stops them with it. With `--only`, just the services named run here:
/// the others are nil (the pipeline, reporting and fulfillment run with the
/// order service).
public final class CommerceServices: @unchecked Sendable {
    public let users: UserService!
    public let orders: OrderService!
    public let payments: PaymentService!
    public let reporting: ReportingStore!
    public let fulfillment: FulfillmentStore!
    public let dispatcher: OutboxDispatcher!
    /// What the email and cart consumers have handled (their claims).
    public let processedEvents: ProcessedEvents!
    /// Background rounds: order expiry and payment settlement.
    let housekeeping: [PeriodicWork]
    /// Where receipts go when no SMTP server is configured.
    public let maildir: URL

    public var services: [HTTPService] { [users as HTTPService?, orders, payments].compactMap { $0 } }

    /// `catalog` and `carts` are needed only with the order service, `orderService`
    /// (where the payment service sends its events) only with the payment service.
    public init(dataDirectory: URL, running: Set<ServiceName> = Set(ServiceName.allCases),
                databases: DatabaseSettings = DatabaseSettings(), security: SecurityContext,
                orderService: PeerCaller?, catalog: ProductCatalog?, carts: CartAccess?, passwordIterations: Int,
                smtpURL: String?, seedDemoAccount: Bool, pipelinePaused: Bool, paymentWindow: TimeInterval, faults: Faults,
                signInLimits: SignInLimits = .init(), hashing: PasswordHashingGate = .init(), log: ServiceLog = .silent) throws {
        users = running.contains(.user)
            ? try UserService(store: UserStore(database: databases.open(.user, schema: "users", fileName: UserStore.fileName,
                                                                        dataDirectory: dataDirectory)),
                              tokens: security.sessions,
                              hasher: PasswordHasher(iterations: passwordIterations), hashing: hashing,
                              limits: signInLimits, seedDemoAccount: seedDemoAccount)
            : nil
        maildir = dataDirectory.appendingPathComponent("maildir", isDirectory: true)
        var housekeeping: [PeriodicWork] = []
        if running.contains(.order), let catalog, let carts {
            // The order service's four databases: its own, and those of the consumers it runs.
            func open(_ schema: String, _ fileName: String) throws -> SQLDatabase {
                try databases.open(.order, schema: schema, fileName: fileName, dataDirectory: dataDirectory)
            }
            let fulfillment = try FulfillmentStore(database: open("fulfillment", FulfillmentStore.fileName))
            let reporting = try ReportingStore(database: open("reporting", ReportingStore.fileName))
            let orderStore = try OrderStore(database: open("orders", OrderStore.fileName))
            let orders = OrderService(store: orderStore, catalog: catalog, carts: carts, verifier: security.sessions,
                                      intents: security.paymentIntents, signature: security.eventSignature,
                                      fulfillment: fulfillment)
            let delivery: Mailer = smtpURL.map { SMTPMailer(url: $0) } ?? MaildirMailer(root: maildir)
            let mailer = FaultyMailer(wrapped: delivery, faults: faults)
            let processed = try ProcessedEvents(database: open("pipeline", ProcessedEvents.fileName))
            let reportingConsumer = ReportingConsumer(store: reporting)
            let stockRelease = StockReleaseConsumer(catalog: catalog)
            let dispatcher = OutboxDispatcher(store: orderStore, consumers: [
                reportingConsumer,
                ReceiptConsumer(mailer: mailer, processed: processed),
                FulfillmentConsumer(store: fulfillment, mailer: mailer, processed: processed),
                CartEmptyingConsumer(carts: carts, processed: processed),
            ], cancellationConsumers: [reportingConsumer, stockRelease], expiryConsumers: [stockRelease],
               startPaused: pipelinePaused)
            dispatcher.isStalled = { faults.dispatcherStalled }
            dispatcher.log = log
            orders.dispatcher = dispatcher
            orders.pipeline = OrderPipelineReader(orders: orderStore, reporting: reporting, fulfillment: fulfillment,
                                                  processed: processed)
            orders.paymentWindow = paymentWindow
            orders.faults = faults
            housekeeping.append(PeriodicWork(name: "order-expiry", interval: 2) { [orders] in
                _ = try? orders.expireOverdueOrders()
            })
            (self.orders, self.fulfillment, self.reporting, self.dispatcher, self.processedEvents)
                = (orders, fulfillment, reporting, dispatcher, processed)
        } else {
            (orders, fulfillment, reporting, dispatcher, processedEvents) = (nil, nil, nil, nil, nil)
        }
        if running.contains(.payment), let orderService {
            let payments = PaymentService(orders: orderService, verifier: security.sessions, intents: security.paymentIntents,
                                          signature: security.eventSignature,
                                          network: try CardNetwork(database: databases.open(
                                              .payment, schema: "payments", fileName: CardNetwork.fileName,
                                              dataDirectory: dataDirectory)),
                                          fingerprintKey: security.signingKey.derived(for: "card-fingerprint"))
            housekeeping.append(PeriodicWork(name: "payment-settlement", interval: 5) { [payments] in
                payments.settleOpenAuthorisations()
            })
            self.payments = payments
        } else {
            payments = nil
        }
        self.housekeeping = housekeeping
    }

    /// Starts delivering the outbox (including events left undelivered by an
    /// earlier run), expiring unpaid orders and settling open authorisations.
    public func start() {
        dispatcher?.start()
        for work in housekeeping { work.start() }
    }

    public func stop() {
        for work in housekeeping { work.stop() }
        dispatcher?.stop()
    }
}
