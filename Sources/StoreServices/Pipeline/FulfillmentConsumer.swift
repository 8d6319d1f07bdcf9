import Foundation
import StoreWire

/// Physical lines become a shipping order with a tracking number; digital
/// lines are delivered by an email with download links. Idempotent by event id.
public final class FulfillmentConsumer: OrderPurchasedConsumer, @unchecked Sendable {
    public let name = "fulfillment"
    /// The name the download email is claimed under in `ProcessedEvents`.
    static let downloadsConsumerName = "downloads"
    let store: FulfillmentStore
    let mailer: Mailer
    /// Claims the download email, so two instances delivering one event send it once.
    let processed: ProcessedEvents
    let downloadBaseURL: String

    public init(store: FulfillmentStore, mailer: Mailer, processed: ProcessedEvents,
                downloadBaseURL: String = "https://downloads.betterstore.test") {
        self.store = store
        self.mailer = mailer
        self.processed = processed
        self.downloadBaseURL = downloadBaseURL
    }

    public func handle(_ event: OrderPurchased) throws {
        let order = event.order
        // An order without digital lines has no download email, and nothing to claim for it.
        if order.lines.contains(where: { $0.kind == .digital }) {
            try processed.once(event.eventId, consumer: Self.downloadsConsumerName) { try deliverDigital(event) }
        }
        let physical = order.lines.filter { $0.kind == .physical }
        // The shipping order is read locked; one a cancel inserted at the same moment makes this run once more and find it.
        try onceMore(ifAnotherInsertedFirst: store.database.transaction { db in
            guard try ProcessedEvents.firstDelivery(of: event.eventId, in: db), !physical.isEmpty else { return }
            // An order cancelled before this event arrived keeps its cancelled record and ships nothing.
            guard try db.queryOne("SELECT status FROM shipping_orders WHERE order_id = ?" + db.dialect.forUpdate, order.id) == nil
            else { return }
            let now = FulfillmentStore.timestamp()
            let address = order.deliveryAddress?.lines.joined(separator: "\n") ?? ""
            try db.run("""
                INSERT INTO shipping_orders (order_id, order_number, tracking_number, status, recipient, address, created_at, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                """, order.id, order.number, try uniqueTrackingNumber(db), FulfillmentStore.awaitingDispatch,
                order.deliveryAddress?.name ?? order.email, address, now, now)
            for line in physical {
                try db.run("INSERT INTO shipping_lines (order_id, product_id, name, quantity) VALUES (?, ?, ?, ?)",
                           order.id, line.productId, line.name, line.quantity)
            }
        })
    }

    /// Sends the download email once per order; recorded after sending, so a
    /// crash in between sends it again rather than never.
    private func deliverDigital(_ event: OrderPurchased) throws {
        let order = event.order
        let digital = order.lines.filter { $0.kind == .digital }
        guard !digital.isEmpty,
              try store.database.queryOne("SELECT 1 AS found FROM digital_deliveries WHERE order_id = ?", order.id) == nil
        else { return }
        let downloads = digital.map { line in
            (line: line, url: "\(downloadBaseURL)/\(order.id)/\(line.productId)?key=\(Base64URL.encode(Crypto.randomBytes(18)))")
        }
        try mailer.send(ReceiptComposer.digitalDelivery(for: event, downloads: downloads))
        try store.database.transaction { db in
            for download in downloads {
                try db.run("""
                    \(db.dialect.insertOrIgnore) INTO digital_deliveries (order_id, product_id, download_url, delivered_at)
                    VALUES (?, ?, ?, ?)
                    """, order.id, download.line.productId, download.url, FulfillmentStore.timestamp())
            }
        }
    }

    /// Tracking numbers in the carrier style "BS" + 9 digits + "NZ".
    private func uniqueTrackingNumber(_ db: SQLDatabase) throws -> String {
        while true {
            let digits = Crypto.randomBytes(9).map { String(Int($0) % 10) }.joined()
            let candidate = "BS\(digits)NZ"
            if try db.queryOne("SELECT 1 AS found FROM shipping_orders WHERE tracking_number = ?", candidate) == nil {
                return candidate
            }
        }
    }
}
