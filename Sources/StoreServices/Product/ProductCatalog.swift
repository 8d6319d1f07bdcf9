import StoreCore

/// The product service as other services use it in-process: the source of
/// every price and stock level (prices never come from the client).
public protocol ProductCatalog: AnyObject, Sendable {
    /// The product, or nil when there is none with this id.
    func product(id: String) throws -> Product?
    /// The products that exist among `ids`, by id.
    func products(ids: [String]) throws -> [String: Product]
    /// Takes stock for physical products, all or nothing: throws
    /// `StockError.insufficient` and changes nothing when any is short.
    /// Digital products have no stock and are ignored.
    func takeStock(_ quantities: [String: Int]) throws
    /// Puts stock back (e.g. for a cancelled order). Digital products are ignored.
    func returnStock(_ quantities: [String: Int]) throws
}

public enum StockError: Error, Hashable, Sendable {
    /// `available` of `productID` is less than asked for.
    case insufficient(productID: String, name: String, available: Int)
    case unknownProduct(String)
}
