import Foundation
import StoreWire

/// The reporting database (`reporting.sqlite`): a copy of every paid order
/// and its lines for analysis, kept apart from the order service's own data.
public final class ReportingStore: DataDirectoryStore, @unchecked Sendable {
    public static let fileName = "reporting.sqlite"
    public let database: SQLDatabase

    public init(database: SQLDatabase) throws {
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
