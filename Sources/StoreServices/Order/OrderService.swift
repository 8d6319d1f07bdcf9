import Foundation
import StoreWire

/// `/order/v1`: orders from carts, their history, cancellation, and the
/// payment events that mark them paid. The source of truth for an order.
public final class OrderService: HTTPService, @unchecked Sendable {
    public static let historyWindow: TimeInterval = 183 * 24 * 3600
    public static let paymentEventsPath = "/order/v1/payment-events"

    public let store: OrderStore
    let catalog: ProductCatalog
    let carts: CartAccess
    let verifier: BearerTokenVerifier
    let intents: PaymentIntentTokens
    let signature: EventSignature
    public let fulfillment: FulfillmentStore
    /// Told when a purchase is recorded, so delivery starts at once.
    public var dispatcher: OutboxDispatcher?
    /// How long a payment event waits for the pipeline (cart emptied, receipt sent) before answering.
    public var deliveryWait: TimeInterval = 2
    /// How long a new order may wait for payment before it expires and its stock is released.
    public var paymentWindow: TimeInterval = 30 * 60
    /// How long a payment attempt holds an order before another may take it over
    /// (longer than any confirm takes; a holder that outlives it is refused and voided).
    public var claimLease: TimeInterval = 30
    /// Faults injected on purpose (`order.refuse-payment-events`).
    public var faults: Faults?
    /// Reads the OrderPurchased steps done for an order (set where the pipeline is built).
    public var pipeline: OrderPipelineReader?

    let keyLocks = KeyedLocks()
    let orderLocks = KeyedLocks()

    public init(store: OrderStore, catalog: ProductCatalog, carts: CartAccess, verifier: BearerTokenVerifier,
                intents: PaymentIntentTokens, signature: EventSignature, fulfillment: FulfillmentStore) {
        self.store = store
        self.catalog = catalog
        self.carts = carts
        self.verifier = verifier
        self.intents = intents
        self.signature = signature
        self.fulfillment = fulfillment
        try? store.purgeExpiredIdempotencyKeys()
    }

    public func register(on router: Router) {
        // It may wait for another request's claim of the same key: off the serving threads.
        router.post("/order/v1/orders", pace: .waits) { [self] request in try createOrder(request) }
        router.get("/order/v1/orders") { [self] request in
            let user = try request.authenticatedUserID(verifier)
            let since = Date().addingTimeInterval(-Self.historyWindow)
            // History lists placed orders only; checkout attempts awaiting payment or expired stay out of it.
            let placed = try store.orders(of: user, since: since).filter {
                $0.order.status != .pendingPayment && $0.order.status != .expired
            }
            return try .json(placed.map(present))
        }
        router.get("/order/v1/orders/:id") { [self] request in
            try .json(present(ownedOrder(request)))
        }
        router.get("/order/v1/orders/:id/pipeline") { [self] request in
            let stored = try ownedOrder(request)
            guard let pipeline else { throw HTTPError.internalError("The order pipeline is not wired.") }
            return try .json(pipeline.pipeline(of: stored))
        }
        router.post("/order/v1/orders/:id/cancel") { [self] request in try cancel(request) }
        // A success waits for the order's pipeline (`deliveryWait`): off the serving threads.
        router.post(Self.paymentEventsPath, pace: .waits) { [self] request in try receivePaymentEvent(request) }
    }

    // MARK: Reading

    /// The order if it exists and belongs to the caller; 404 otherwise, so
    /// nobody learns whether another shopper's order id exists.
    func ownedOrder(_ request: HTTPRequest) throws -> StoredOrder {
        let user = try request.authenticatedUserID(verifier)
        let id = try request.parameter("id")
        guard let stored = try store.find(id: id), stored.userId == user else {
            throw HTTPError.notFound(code: "order_not_found", "There is no order with id '\(id)'.")
        }
        return stored
    }

    /// The order as the shopper sees it: with shipment and whether it can be cancelled.
    /// Only a paid order has ever had a shipment (its purchase or its cancellation makes one),
    /// so an order awaiting payment or expired is not looked up in the fulfillment database.
    func present(_ stored: StoredOrder) throws -> Order {
        var order = stored.order
        let unpaid = order.status == .pendingPayment || order.status == .expired
        order.shipment = unpaid ? nil : try fulfillment.shipment(orderId: order.id)
        order.cancellable = cancelRefusal(order) == nil
        return order
    }

    /// Why the order cannot be cancelled now, or nil when it can.
    func cancelRefusal(_ order: Order) -> String? {
        switch order.status {
        case .pendingPayment, .expired: return "This order has not been paid, so there is nothing to cancel."
        case .cancelled: return "This order is already cancelled."
        case .fulfilled: return "This order has already been fulfilled."
        case .paid: break
        }
        if order.lines.contains(where: { $0.kind == .digital }) {
            return "Orders with digital items cannot be cancelled once paid, as they are delivered at once."
        }
        if let shipment = order.shipment, shipment.status != FulfillmentStore.awaitingDispatch,
           shipment.status != FulfillmentStore.cancelled {
            return "This order has already been dispatched."
        }
        return nil
    }

    // MARK: Cancelling

    func cancel(_ request: HTTPRequest) throws -> HTTPResponse {
        let owned = try ownedOrder(request)
        return try orderLocks.withLock(owned.order.id) {
            guard let stored = try store.find(id: owned.order.id) else { throw HTTPError.internalError() }
            let order = try present(stored)
            if let refusal = cancelRefusal(order) {
                throw HTTPError.conflict(code: "order_not_cancellable", refusal)
            }
            guard try fulfillment.cancel(orderId: order.id, orderNumber: order.number) else {
                throw HTTPError.conflict(code: "order_not_cancellable", "This order has already been dispatched.")
            }
            // The status change and its event commit together; the event returns the
            // stock and tells the reporting database, each exactly once.
            let now = Date()
            let timestamp = Timestamp.string(from: now)
            let event = OrderCancelled(eventId: "evt_" + EventSignature.hex(Crypto.randomBytes(12)),
                                       occurredAt: timestamp, orderId: order.id)
            // Another instance cancelling the same order at once changes nothing more and records no second event.
            try store.database.transaction { db in
                let changed = try db.run("UPDATE orders SET status = ?, cancelled_at = ? WHERE id = ? AND status = ?",
                                         OrderStatus.cancelled.rawValue, timestamp, order.id, OrderStatus.paid.rawValue)
                guard changed == 1 else { return }
                try store.appendToOutbox(id: event.eventId, type: OrderCancelled.type, orderID: event.orderId,
                                         payload: try JSONBody.encode(event), in: db, now: now)
            }
            if let dispatcher, dispatcher.isActive {
                // As after a payment: the stock is normally back on sale when the cancel answers.
                dispatcher.wake()
                _ = dispatcher.waitUntilDelivered(event.eventId, timeout: deliveryWait)
            }
            guard let cancelled = try store.find(id: order.id) else { throw HTTPError.internalError() }
            return try .json(present(cancelled))
        }
    }
}
