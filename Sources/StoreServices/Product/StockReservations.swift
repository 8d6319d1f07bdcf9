import Foundation
import StoreWire

/// Stock held for orders, in the product service's own database. The order
/// and product services keep separate databases, so stock moves between them
/// as recorded, idempotent steps keyed by the order id (a saga):
/// reserve when the order is created, release when it is cancelled or
/// expires. Invariant, checked by tests: for every product, the stock it
/// started with = its stock now + the units of its `held` reservations.
extension ProductStore {
    enum ReservationState: String {
        case held, released
    }

    func createReservationSchema() throws {
        let dialect = database.dialect
        try database.execute("""
            CREATE TABLE IF NOT EXISTS reservations (
                order_id \(dialect.key) PRIMARY KEY,
                state \(dialect.key) NOT NULL CHECK (state IN ('held', 'released')),
                updated_epoch \(dialect.real) NOT NULL
            );
            CREATE TABLE IF NOT EXISTS reservation_lines (
                order_id \(dialect.key) NOT NULL REFERENCES reservations(order_id),
                product_id \(dialect.key) NOT NULL,
                quantity \(dialect.integer) NOT NULL CHECK (quantity > 0),
                PRIMARY KEY (order_id, product_id)
            );
            """)
    }

    /// Reserving is claiming: the order's reservation row is inserted first
    /// (a second instance reserving the same order at once waits for it and
    /// then finds it), and each product row is read locked (`forUpdate`), so
    /// two orders for the last units cannot both take them.
    public func reserveStock(forOrder orderID: String, _ quantities: [String: Int]) throws {
        try database.transaction { db in
            let stamp = Date().timeIntervalSince1970
            let claimed = try db.run("\(db.dialect.insertOrIgnore) INTO reservations (order_id, state, updated_epoch) VALUES (?, ?, ?)",
                                     orderID, ReservationState.held.rawValue, stamp)
            guard claimed == 1 else {
                if try reservationState(orderID, in: db) == .released { throw StockError.released(orderID: orderID) }
                return
            }
            // Sorted, so two orders for the same products always take them in the same order.
            for (id, quantity) in quantities.sorted(by: { $0.key < $1.key }) where quantity > 0 {
                guard let product = try db.queryOne("SELECT * FROM products WHERE id = ?" + db.dialect.forUpdate, id)
                    .map(Self.product) else {
                    throw StockError.unknownProduct(id)
                }
                guard product.kind == .physical else { continue }
                guard product.stock >= quantity else {
                    throw StockError.insufficient(productID: id, name: product.name, available: product.stock)
                }
                try db.run("UPDATE products SET stock = stock - ? WHERE id = ?", quantity, id)
                try db.run("INSERT INTO reservation_lines (order_id, product_id, quantity) VALUES (?, ?, ?)",
                           orderID, id, quantity)
            }
        }
    }

    /// Releasing an order never reserved leaves a `released` row, so a late
    /// reserve of that order is refused. A held reservation is read locked,
    /// so two releases at once give its units back once.
    public func releaseStock(ofOrder orderID: String) throws {
        try database.transaction { db in
            let stamp = Date().timeIntervalSince1970
            let marked = try db.run("\(db.dialect.insertOrIgnore) INTO reservations (order_id, state, updated_epoch) VALUES (?, ?, ?)",
                                    orderID, ReservationState.released.rawValue, stamp)
            guard marked == 0 else { return }
            switch try reservationState(orderID, in: db, locking: true) {
            case .released?, nil:
                return
            case .held?:
                for line in try db.query("SELECT product_id, quantity FROM reservation_lines WHERE order_id = ?", orderID) {
                    try db.run("UPDATE products SET stock = stock + ? WHERE id = ?", line.int("quantity"), line.string("product_id"))
                }
                try db.run("UPDATE reservations SET state = ?, updated_epoch = ? WHERE order_id = ?",
                           ReservationState.released.rawValue, stamp, orderID)
            }
        }
    }

    /// Units held per product by reservations not released, for audits and tests.
    public func heldStock() throws -> [String: Int] {
        var held: [String: Int] = [:]
        for row in try database.query("""
            SELECT l.product_id, SUM(l.quantity) AS units FROM reservation_lines l
            JOIN reservations r ON r.order_id = l.order_id WHERE r.state = 'held' GROUP BY l.product_id
            """) {
            held[row.string("product_id")] = row.int("units")
        }
        return held
    }

    /// Units held for one order by product, or nil when the order has no reservation that is held.
    public func heldStock(ofOrder orderID: String) throws -> [String: Int]? {
        guard try reservationState(orderID, in: database) == .held else { return nil }
        var held: [String: Int] = [:]
        for row in try database.query("SELECT product_id, quantity FROM reservation_lines WHERE order_id = ?", orderID) {
            held[row.string("product_id")] = row.int("quantity")
        }
        return held
    }

    private func reservationState(_ orderID: String, in db: SQLDatabase, locking: Bool = false) throws -> ReservationState? {
        try db.queryOne("SELECT state FROM reservations WHERE order_id = ?" + (locking ? db.dialect.forUpdate : ""), orderID)
            .flatMap { ReservationState(rawValue: $0.string("state")) }
    }
}
