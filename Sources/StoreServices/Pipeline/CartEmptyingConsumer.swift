import Foundation

/// Empties the cart the order was made from, once per event, so a late
/// redelivery cannot wipe items the shopper added after paying.
public final class CartEmptyingConsumer: OrderPurchasedConsumer, @unchecked Sendable {
    public let name = "cart"
    let carts: CartAccess
    let processed: ProcessedEvents

    public init(carts: CartAccess, processed: ProcessedEvents) {
        self.carts = carts
        self.processed = processed
    }

    public func handle(_ event: OrderPurchased) throws {
        try processed.once(event.eventId, consumer: name) {
            carts.empty(CartOwner(cartID: event.cartId, userID: event.userId))
        }
    }
}
