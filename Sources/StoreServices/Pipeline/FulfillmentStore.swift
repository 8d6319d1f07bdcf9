import Foundation
import StoreWire

/// The fulfillment service's own database (`fulfillment.sqlite`, or the
/// schema PREFIX_fulfillment on MariaDB): shipping orders for physical items
/// and email deliveries of digital items.
public final class FulfillmentStore: DataDirectoryStore, @unchecked Sendable {
    public static let fileName = "fulfillment.sqlite"
    public static let awaitingDispatch = "AWAITING_DISPATCH"
    public static let dispatched = "DISPATCHED"
    public static let cancelled = "CANCELLED"
    public static let deliveredByEmail = "DELIVERED_BY_EMAIL"

    public let database: SQLDatabase

    public init(database: SQLDatabase) throws {
        self.database = database
        let (key, integer) = (database.dialect.key, database.dialect.integer)
        try database.execute("""
            CREATE TABLE IF NOT EXISTS shipping_orders (
                order_id \(key) PRIMARY KEY,
                order_number TEXT NOT NULL,
                tracking_number \(key) UNIQUE,
                status TEXT NOT NULL,
                recipient TEXT NOT NULL,
                address TEXT NOT NULL,
                created_at TEXT NOT NULL,
                updated_at TEXT NOT NULL
            );
            CREATE TABLE IF NOT EXISTS shipping_lines (
                order_id \(key) NOT NULL REFERENCES shipping_orders(order_id),
                product_id \(key) NOT NULL,
                name TEXT NOT NULL,
                quantity \(integer) NOT NULL,
                PRIMARY KEY (order_id, product_id)
            );
            CREATE TABLE IF NOT EXISTS digital_deliveries (
                order_id \(key) NOT NULL,
                product_id \(key) NOT NULL,
                download_url TEXT NOT NULL,
                delivered_at TEXT NOT NULL,
                PRIMARY KEY (order_id, product_id)
            );
            CREATE TABLE IF NOT EXISTS processed_events (
                event_id \(key) PRIMARY KEY,
                processed_at TEXT NOT NULL
            );
            """)
        try ProcessedEvents.addHandledTime(to: database)
    }

    /// What the shopper sees of fulfilment for an order, or nil before any fulfilment exists.
    public func shipment(orderId: String) throws -> Shipment? {
        if let row = try database.queryOne("SELECT status, tracking_number FROM shipping_orders WHERE order_id = ?", orderId) {
            return Shipment(status: row.string("status"), trackingNumber: row.optionalString("tracking_number"))
        }
        if try database.queryOne("SELECT 1 AS found FROM digital_deliveries WHERE order_id = ?", orderId) != nil {
            return Shipment(status: Self.deliveredByEmail, trackingNumber: nil)
        }
        return nil
    }

    /// The tracking number of the order's shipping order, if one was created to ship.
    func trackingNumber(orderId: String) throws -> String? {
        try database.queryOne("SELECT tracking_number FROM shipping_orders WHERE order_id = ?", orderId)?
            .optionalString("tracking_number")
    }

    /// Cancels the shipping order unless it has left the warehouse. An order
    /// cancelled before its event arrived gets a cancelled record, so the late
    /// event ships nothing. Returns false when it was already dispatched.
    public func cancel(orderId: String, orderNumber: String) throws -> Bool {
        try onceMore(ifAnotherInsertedFirst: database.transaction { db in
            let now = Self.timestamp()
            // Read locked, so a cancel and the order's shipping (or a second cancel) take turns.
            if let row = try db.queryOne("SELECT status FROM shipping_orders WHERE order_id = ?" + db.dialect.forUpdate, orderId) {
                let status = row.string("status")
                if status == Self.cancelled { return true }
                guard status == Self.awaitingDispatch else { return false }
                try db.run("UPDATE shipping_orders SET status = ?, updated_at = ? WHERE order_id = ?", Self.cancelled, now, orderId)
                return true
            }
            try db.run("""
                INSERT INTO shipping_orders (order_id, order_number, tracking_number, status, recipient, address, created_at, updated_at)
                VALUES (?, ?, NULL, ?, '', '', ?, ?)
                """, orderId, orderNumber, Self.cancelled, now, now)
            return true
        })
    }

    /// Marks a shipping order as handed to the carrier (the warehouse's step; used by tests and tools).
    public func markDispatched(orderId: String) throws {
        try database.run("UPDATE shipping_orders SET status = ?, updated_at = ? WHERE order_id = ? AND status = ?",
                         Self.dispatched, Self.timestamp(), orderId, Self.awaitingDispatch)
    }

    static func timestamp(_ date: Date = Date()) -> String { Timestamp.string(from: date) }
}
