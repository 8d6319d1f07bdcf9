import Foundation
import StoreWire

/// The reporting database (`reporting.sqlite`, or the schema PREFIX_reporting
/// on MariaDB): a copy of every paid order and its lines for analysis, kept
/// apart from the order service's own data.
public final class ReportingStore: DataDirectoryStore, @unchecked Sendable {
    public static let fileName = "reporting.sqlite"
    public let database: SQLDatabase

    public init(database: SQLDatabase) throws {
        self.database = database
        let (key, integer) = (database.dialect.key, database.dialect.integer)
        try database.execute("""
            CREATE TABLE IF NOT EXISTS report_orders (
                order_id \(key) PRIMARY KEY,
                order_number TEXT NOT NULL,
                user_id TEXT NOT NULL,
                email TEXT NOT NULL,
                status TEXT NOT NULL,
                created_at TEXT NOT NULL,
                purchased_at TEXT NOT NULL,
                currency TEXT NOT NULL,
                subtotal \(integer) NOT NULL,
                tax \(integer) NOT NULL,
                shipping \(integer) NOT NULL,
                total \(integer) NOT NULL,
                item_count \(integer) NOT NULL,
                card_brand TEXT,
                card_last4 TEXT
            );
            CREATE TABLE IF NOT EXISTS report_order_lines (
                order_id \(key) NOT NULL REFERENCES report_orders(order_id),
                position \(integer) NOT NULL,
                product_id TEXT NOT NULL,
                name TEXT NOT NULL,
                kind TEXT NOT NULL,
                unit_price \(integer) NOT NULL,
                quantity \(integer) NOT NULL,
                line_total \(integer) NOT NULL,
                PRIMARY KEY (order_id, position)
            );
            CREATE TABLE IF NOT EXISTS processed_events (
                event_id \(key) PRIMARY KEY,
                processed_at TEXT NOT NULL
            );
            """)
        try ProcessedEvents.addHandledTime(to: database)
    }
}
