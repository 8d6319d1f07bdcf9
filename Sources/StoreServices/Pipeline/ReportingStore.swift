import Foundation
import StoreCore

/// The reporting database (`reporting.sqlite`): a copy of every paid order
/// and its lines for analysis, kept apart from the order service's own data.
public final class ReportingStore: @unchecked Sendable {
    public static let fileName = "reporting.sqlite"
    public let database: SQLiteDatabase

    public convenience init(dataDirectory: URL) throws {
        try self.init(database: SQLiteDatabase(url: dataDirectory.appendingPathComponent(ReportingStore.fileName)))
    }

    public init(database: SQLiteDatabase) throws {
        self.database = database
        try database.execute("""
            CREATE TABLE IF NOT EXISTS report_orders (
                order_id TEXT PRIMARY KEY,
                order_number TEXT NOT NULL,
                user_id TEXT NOT NULL,
                email TEXT NOT NULL,
                status TEXT NOT NULL,
                created_at TEXT NOT NULL,
                purchased_at TEXT NOT NULL,
                currency TEXT NOT NULL,
                subtotal INTEGER NOT NULL,
                tax INTEGER NOT NULL,
                shipping INTEGER NOT NULL,
                total INTEGER NOT NULL,
                item_count INTEGER NOT NULL,
                card_brand TEXT,
                card_last4 TEXT
            );
            CREATE TABLE IF NOT EXISTS report_order_lines (
                order_id TEXT NOT NULL REFERENCES report_orders(order_id),
                position INTEGER NOT NULL,
                product_id TEXT NOT NULL,
                name TEXT NOT NULL,
                kind TEXT NOT NULL,
                unit_price INTEGER NOT NULL,
                quantity INTEGER NOT NULL,
                line_total INTEGER NOT NULL,
                PRIMARY KEY (order_id, position)
            );
            CREATE TABLE IF NOT EXISTS processed_events (
                event_id TEXT PRIMARY KEY,
                processed_at TEXT NOT NULL
            );
            """)
    }
}

/// Upserts the order and its lines into the reporting database, and records
/// the event id in the same transaction: each event counts exactly once.
public final class ReportingConsumer: OrderPurchasedConsumer, @unchecked Sendable {
    public let name = "reporting"
    let store: ReportingStore

    public init(store: ReportingStore) { self.store = store }

    public func handle(_ event: OrderPurchased) throws {
        let order = event.order
        try store.database.transaction { db in
            if try db.queryOne("SELECT 1 AS found FROM processed_events WHERE event_id = ?", event.eventId) != nil { return }
            try db.run("""
                INSERT INTO report_orders (order_id, order_number, user_id, email, status, created_at, purchased_at, currency,
                    subtotal, tax, shipping, total, item_count, card_brand, card_last4)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (order_id) DO UPDATE SET order_number = excluded.order_number, status = excluded.status,
                    purchased_at = excluded.purchased_at, subtotal = excluded.subtotal, tax = excluded.tax,
                    shipping = excluded.shipping, total = excluded.total, item_count = excluded.item_count,
                    card_brand = excluded.card_brand, card_last4 = excluded.card_last4
                """, order.id, order.number, event.userId, order.email, order.status.rawValue, order.createdAt,
                event.occurredAt, order.total.currency, order.subtotal.amount, order.tax.amount, order.shipping.amount,
                order.total.amount, order.lines.reduce(0) { $0 + $1.quantity }, order.card?.brand.rawValue, order.card?.last4)
            try db.run("DELETE FROM report_order_lines WHERE order_id = ?", order.id)
            for (position, line) in order.lines.enumerated() {
                try db.run("""
                    INSERT INTO report_order_lines (order_id, position, product_id, name, kind, unit_price, quantity, line_total)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                    """, order.id, position, line.productId, line.name, line.kind.rawValue, line.unitPrice.amount,
                    line.quantity, line.lineTotal.amount)
            }
            try db.run("INSERT INTO processed_events (event_id, processed_at) VALUES (?, ?)",
                       event.eventId, ISO8601DateFormatter().string(from: Date()))
        }
    }
}
