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
        try database.execute("""
            CREATE TABLE IF NOT EXISTS reservations (
                order_id TEXT PRIMARY KEY,
                state TEXT NOT NULL CHECK (state IN ('held', 'released')),
                updated_epoch REAL NOT NULL
            );
            CREATE TABLE IF NOT EXISTS reservation_lines (
                order_id TEXT NOT NULL REFERENCES reservations(order_id),
                product_id TEXT NOT NULL,
                quantity INTEGER NOT NULL CHECK (quantity > 0),
                PRIMARY KEY (order_id, product_id)
            );
            """)
    }

    public func reserveStock(forOrder orderID: String, _ quantities: [String: Int]) throws {
        try database.transaction { db in
            if let state = try reservationState(orderID, in: db) {
                if state == .released { throw StockError.released(orderID: orderID) }
                return
            }
            let stamp = Date().timeIntervalSince1970
            try db.run("INSERT INTO reservations (order_id, state, updated_epoch) VALUES (?, ?, ?)",
                       orderID, ReservationState.held.rawValue, stamp)
            // Sorted, so two orders for the same products always take them in the same order.
            for (id, quantity) in quantities.sorted(by: { $0.key < $1.key }) where quantity > 0 {
                guard let product = try db.queryOne("SELECT * FROM products WHERE id = ?", id).map(Self.product) else {
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

    public func releaseStock(ofOrder orderID: String) throws {
        try database.transaction { db in
            let stamp = Date().timeIntervalSince1970
            switch try reservationState(orderID, in: db) {
            case .released?:
                return
            case nil:
                try db.run("INSERT INTO reservations (order_id, state, updated_epoch) VALUES (?, ?, ?)",
                           orderID, ReservationState.released.rawValue, stamp)
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

    private func reservationState(_ orderID: String, in db: SQLDatabase) throws -> ReservationState? {
        try db.queryOne("SELECT state FROM reservations WHERE order_id = ?", orderID)
            .flatMap { ReservationState(rawValue: $0.string("state")) }
    }
}
