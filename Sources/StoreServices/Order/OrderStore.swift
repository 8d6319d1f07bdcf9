import Foundation
import StoreWire

/// The order service's own database (`orders.sqlite`, or the schema
/// PREFIX_orders on MariaDB): orders and their lines, idempotency keys, and
/// the outbox of events to publish.
public final class OrderStore: DataDirectoryStore, @unchecked Sendable {
    public static let fileName = "orders.sqlite"
    public let database: SQLDatabase

    public init(database: SQLDatabase) throws {
        self.database = database
        let (key, integer, real, blob) = (database.dialect.key, database.dialect.integer, database.dialect.real,
                                          database.dialect.blob)
        // `key` is a reserved word in MariaDB: the idempotency table's column is
        // written `key` in backquotes, which SQLite reads as a name too.
        try database.execute("""
            CREATE TABLE IF NOT EXISTS orders (
                id \(key) PRIMARY KEY,
                number \(key) NOT NULL UNIQUE,
                user_id \(key) NOT NULL,
                email TEXT NOT NULL,
                cart_id TEXT NOT NULL,
                status \(key) NOT NULL,
                created_at TEXT NOT NULL,
                created_epoch \(real) NOT NULL,
                currency TEXT NOT NULL,
                subtotal \(integer) NOT NULL,
                tax \(integer) NOT NULL,
                shipping \(integer) NOT NULL,
                total \(integer) NOT NULL,
                delivery_address TEXT,
                intent_id TEXT,
                client_secret TEXT,
                card_brand TEXT,
                card_last4 TEXT,
                paid_at TEXT,
                cancelled_at TEXT
            );
            CREATE INDEX IF NOT EXISTS orders_by_user ON orders (user_id, created_epoch);
            CREATE TABLE IF NOT EXISTS order_lines (
                order_id \(key) NOT NULL REFERENCES orders(id),
                position \(integer) NOT NULL,
                product_id TEXT NOT NULL,
                name TEXT NOT NULL,
                kind TEXT NOT NULL,
                unit_price \(integer) NOT NULL,
                quantity \(integer) NOT NULL,
                line_total \(integer) NOT NULL,
                PRIMARY KEY (order_id, position)
            );
            CREATE TABLE IF NOT EXISTS idempotency_keys (
                user_id \(key) NOT NULL,
                `key` \(key) NOT NULL,
                request_hash TEXT NOT NULL,
                status \(integer) NOT NULL,
                response \(blob) NOT NULL,
                order_id TEXT NOT NULL,
                created_epoch \(real) NOT NULL,
                PRIMARY KEY (user_id, `key`)
            );
            CREATE INDEX IF NOT EXISTS idempotency_keys_by_age ON idempotency_keys (created_epoch);
            CREATE TABLE IF NOT EXISTS outbox (
                id \(key) PRIMARY KEY,
                type TEXT NOT NULL,
                payload \(blob) NOT NULL,
                created_epoch \(real) NOT NULL,
                attempts \(integer) NOT NULL DEFAULT 0,
                next_attempt_epoch \(real) NOT NULL,
                delivered_epoch \(real),
                last_error TEXT
            );
            CREATE INDEX IF NOT EXISTS outbox_pending ON outbox (delivered_epoch, next_attempt_epoch);
            """)
        // Payment claims, expiry and stock reservation (see OrderService+Payment and OrderExpiry).
        try database.addMissingColumns("orders", [
            "payment_attempt": "TEXT",
            "claimed_epoch": real,
            "expires_epoch": real,
            "stock_reserved": "\(integer) NOT NULL DEFAULT 1",
        ])
        try database.execute("CREATE INDEX IF NOT EXISTS orders_pending ON orders (status, expires_epoch)")
        // The dispatcher holding an event and until when (see OutboxDispatcher).
        try database.addMissingColumns("outbox", ["claimed_by": "TEXT", "lease_until": real])
        // The order an event is about (for its pipeline) and the trace of the request that caused it.
        try database.addMissingColumns("outbox", ["order_id": "TEXT", "trace_id": "TEXT"])
    }
}

/// An order as stored, with what the JSON answer does not show.
struct StoredOrder {
    var order: Order
    var userId: String
    var cartId: String
    var createdEpoch: Double
    /// The payment attempt holding the order (the confirm's idempotency key), and since when.
    var paymentAttempt: String? = nil
    var claimedEpoch: Double? = nil
    /// When an unpaid order stops accepting payment and its stock is released.
    var expiresEpoch: Double = 0
    /// False between inserting the order and reserving its stock; an order
    /// left so by a crash is expired by the sweeper, which releases the stock.
    var stockReserved: Bool = true
}

extension OrderStore {
    /// Inserts a new order with its lines (inside the caller's transaction).
    func insert(_ stored: StoredOrder, in db: SQLDatabase) throws {
        let order = stored.order
        let address = try order.deliveryAddress.map { String(decoding: try JSONEncoder().encode($0), as: UTF8.self) }
        try db.run("""
            INSERT INTO orders (id, number, user_id, email, cart_id, status, created_at, created_epoch, currency,
                subtotal, tax, shipping, total, delivery_address, intent_id, client_secret, expires_epoch, stock_reserved)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, order.id, order.number, stored.userId, order.email, stored.cartId, order.status.rawValue,
            order.createdAt, stored.createdEpoch, order.total.currency, order.subtotal.amount, order.tax.amount,
            order.shipping.amount, order.total.amount, address, order.paymentIntent?.id, order.paymentIntent?.clientSecret,
            stored.expiresEpoch, stored.stockReserved)
        for (position, line) in order.lines.enumerated() {
            try db.run("""
                INSERT INTO order_lines (order_id, position, product_id, name, kind, unit_price, quantity, line_total)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                """, order.id, position, line.productId, line.name, line.kind.rawValue, line.unitPrice.amount,
                line.quantity, line.lineTotal.amount)
        }
    }

    /// Whether an order number is already used (numbers are random; a clash is retried).
    func numberExists(_ number: String) throws -> Bool {
        try database.queryOne("SELECT 1 AS found FROM orders WHERE number = ?", number) != nil
    }

    func find(id: String) throws -> StoredOrder? { try find(id: id, in: database) }

    /// The order as `db` sees it; `locking` reads it for update, so the
    /// caller's transaction decides on it while no other instance changes it.
    func find(id: String, in db: SQLDatabase, locking: Bool = false) throws -> StoredOrder? {
        guard let row = try db.queryOne("SELECT * FROM orders WHERE id = ?" + (locking ? db.dialect.forUpdate : ""), id) else {
            return nil
        }
        return try stored(from: row, in: db)
    }

    /// The user's orders created since `since`, newest first.
    func orders(of userId: String, since: Date) throws -> [StoredOrder] {
        try database.query("SELECT * FROM orders WHERE user_id = ? AND created_epoch >= ? ORDER BY created_epoch DESC, id DESC",
                           userId, since.timeIntervalSince1970).map { try stored(from: $0, in: database) }
    }

    private func stored(from row: SQLRow, in db: SQLDatabase) throws -> StoredOrder {
        let id = row.string("id")
        let currency = row.string("currency")
        let lines = try db.query("SELECT * FROM order_lines WHERE order_id = ? ORDER BY position", id).map { line in
            OrderLine(productId: line.string("product_id"), name: line.string("name"),
                      kind: ProductKind(rawValue: line.string("kind")) ?? .physical,
                      unitPrice: Money(line.int("unit_price"), currency), quantity: line.int("quantity"),
                      lineTotal: Money(line.int("line_total"), currency))
        }
        let address = row.optionalString("delivery_address").flatMap {
            try? JSONDecoder().decode(Address.self, from: Data($0.utf8))
        }
        let status = OrderStatus(rawValue: row.string("status")) ?? .pendingPayment
        let card = row.optionalString("card_brand").map {
            CardSummary(brand: CardBrand(rawValue: $0) ?? .unknown, last4: row.string("card_last4"))
        }
        let intent: PaymentIntent? = status == .pendingPayment
            ? row.optionalString("intent_id").map {
                PaymentIntent(id: $0, clientSecret: row.string("client_secret"), amount: Money(row.int("total"), currency))
            }
            : nil
        let order = Order(id: id, number: row.string("number"), status: status, createdAt: row.string("created_at"),
                          email: row.string("email"), lines: lines, subtotal: Money(row.int("subtotal"), currency),
                          tax: Money(row.int("tax"), currency), shipping: Money(row.int("shipping"), currency),
                          total: Money(row.int("total"), currency), deliveryAddress: address, card: card,
                          shipment: nil, paymentIntent: intent, cancellable: false)
        return StoredOrder(order: order, userId: row.string("user_id"), cartId: row.string("cart_id"),
                           createdEpoch: row.double("created_epoch"), paymentAttempt: row.optionalString("payment_attempt"),
                           claimedEpoch: row.optionalDouble("claimed_epoch"), expiresEpoch: row.double("expires_epoch"),
                           stockReserved: row.bool("stock_reserved"))
    }
}
