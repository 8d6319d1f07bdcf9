import Foundation
import StoreWire

/// The order service's own database (`orders.sqlite`): orders and their
/// lines, idempotency keys, and the outbox of events to publish.
public final class OrderStore: DataDirectoryStore, @unchecked Sendable {
    public static let fileName = "orders.sqlite"
    public let database: SQLDatabase

    public init(database: SQLDatabase) throws {
        self.database = database
        try database.execute("""
            CREATE TABLE IF NOT EXISTS orders (
                id TEXT PRIMARY KEY,
                number TEXT NOT NULL UNIQUE,
                user_id TEXT NOT NULL,
                email TEXT NOT NULL,
                cart_id TEXT NOT NULL,
                status TEXT NOT NULL,
                created_at TEXT NOT NULL,
                created_epoch REAL NOT NULL,
                currency TEXT NOT NULL,
                subtotal INTEGER NOT NULL,
                tax INTEGER NOT NULL,
                shipping INTEGER NOT NULL,
                total INTEGER NOT NULL,
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
                order_id TEXT NOT NULL REFERENCES orders(id),
                position INTEGER NOT NULL,
                product_id TEXT NOT NULL,
                name TEXT NOT NULL,
                kind TEXT NOT NULL,
                unit_price INTEGER NOT NULL,
                quantity INTEGER NOT NULL,
                line_total INTEGER NOT NULL,
                PRIMARY KEY (order_id, position)
            );
            CREATE TABLE IF NOT EXISTS idempotency_keys (
                user_id TEXT NOT NULL,
                key TEXT NOT NULL,
                request_hash TEXT NOT NULL,
                status INTEGER NOT NULL,
                response BLOB NOT NULL,
                order_id TEXT NOT NULL,
                created_epoch REAL NOT NULL,
                PRIMARY KEY (user_id, key)
            );
            CREATE TABLE IF NOT EXISTS outbox (
                id TEXT PRIMARY KEY,
                type TEXT NOT NULL,
                payload BLOB NOT NULL,
                created_epoch REAL NOT NULL,
                attempts INTEGER NOT NULL DEFAULT 0,
                next_attempt_epoch REAL NOT NULL,
                delivered_epoch REAL,
                last_error TEXT
            );
            CREATE INDEX IF NOT EXISTS outbox_pending ON outbox (delivered_epoch, next_attempt_epoch);
            """)
        // Payment claims, expiry and stock reservation (see OrderService+Payment and OrderExpiry).
        try database.addMissingColumns("orders", [
            "payment_attempt": "TEXT",
            "claimed_epoch": "REAL",
            "expires_epoch": "REAL",
            "stock_reserved": "INTEGER NOT NULL DEFAULT 1",
        ])
        try database.execute("CREATE INDEX IF NOT EXISTS orders_pending ON orders (status, expires_epoch)")
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

    func find(id: String) throws -> StoredOrder? {
        guard let row = try database.queryOne("SELECT * FROM orders WHERE id = ?", id) else { return nil }
        return try stored(from: row)
    }

    /// The user's orders created since `since`, newest first.
    func orders(of userId: String, since: Date) throws -> [StoredOrder] {
        try database.query("SELECT * FROM orders WHERE user_id = ? AND created_epoch >= ? ORDER BY created_epoch DESC, id DESC",
                           userId, since.timeIntervalSince1970).map(stored(from:))
    }

    private func stored(from row: SQLRow) throws -> StoredOrder {
        let id = row.string("id")
        let currency = row.string("currency")
        let lines = try database.query("SELECT * FROM order_lines WHERE order_id = ? ORDER BY position", id).map { line in
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
