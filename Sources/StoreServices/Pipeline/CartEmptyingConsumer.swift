import Foundation

/// Takes what was ordered out of the cart the order was made from, once per
/// event: lines the shopper set after the order read the cart stay as set
/// (delivery may come after the shopper put the same product back), and a
/// late redelivery takes nothing twice.
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
            let ordered = event.order.lines.map { CartItem(productId: $0.productId, quantity: $0.quantity) }
            try carts.removeOrdered(ordered, from: CartOwner(cartID: event.cartId, userID: event.userId),
                                    cartReadAt: event.cartReadAt, once: event.eventId)
        }
    }
}
