import StoreWire

/// The product service as other services use it in-process: the source of
/// every price and stock level (prices never come from the client).
public protocol ProductCatalog: AnyObject, Sendable {
    /// The product, or nil when there is none with this id.
    func product(id: String) throws -> Product?
    /// The products that exist among `ids`, by id.
    func products(ids: [String]) throws -> [String: Product]
    /// Reserves stock of physical products for an order, all or nothing:
    /// throws `StockError.insufficient` and changes nothing when any is short.
    /// Idempotent by order: reserving again for the same order changes
    /// nothing; an order whose reservation was released cannot reserve again
    /// (`StockError.released`). Digital products have no stock and are ignored.
    func reserveStock(forOrder orderID: String, _ quantities: [String: Int]) throws
    /// Puts an order's reserved stock back, once (a cancelled or expired order).
    /// Releasing an order that reserved nothing records that, so a late
    /// reservation for it is refused.
    func releaseStock(ofOrder orderID: String) throws
}

public enum StockError: Error, Hashable, Sendable {
    /// `available` of `productID` is less than asked for.
    case insufficient(productID: String, name: String, available: Int)
    case unknownProduct(String)
    /// The order's reservation was already released (the order expired).
    case released(orderID: String)
}
