import Foundation

/// Returns an order's reserved stock to the catalogue when the order is
/// cancelled or expires. The catalogue's release is idempotent by order, so
/// a redelivered event returns nothing twice.
public final class StockReleaseConsumer: OrderCancelledConsumer, OrderExpiredConsumer, @unchecked Sendable {
    public let name = "stock"
    let catalog: ProductCatalog

    public init(catalog: ProductCatalog) { self.catalog = catalog }

    public func handle(_ event: OrderCancelled) throws { try catalog.releaseStock(ofOrder: event.orderId) }

    public func handle(_ event: OrderExpired) throws { try catalog.releaseStock(ofOrder: event.orderId) }
}
