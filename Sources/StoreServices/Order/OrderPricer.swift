import Foundation
import StoreWire

/// Turns a cart into priced order lines from the product catalogue: the
/// client never supplies a price. Checks stock and the delivery address.
enum OrderPricer {
    struct Priced {
        var lines: [OrderLine]
        var totals: Totals
        var deliveryAddress: Address?
    }

    static func price(_ items: [CartItem], catalog: ProductCatalog, deliveryAddress: Address?) throws -> Priced {
        // The request is well formed; the cart's state is what stands in the way, so 409 and not 422.
        guard !items.isEmpty else {
            throw HTTPError.conflict(code: "cart_empty", "The cart is empty; add something before checking out.",
                                     param: "cartId")
        }
        let products = try catalog.products(ids: items.map(\.productId))
        var lines: [OrderLine] = []
        for item in items {
            guard let product = products[item.productId] else {
                throw HTTPError.conflict(code: "product_unavailable",
                                         "A product in the cart is no longer sold; remove it and try again.")
            }
            if product.kind == .physical, item.quantity > product.stock {
                let message = product.stock == 0
                    ? "\(product.name) is out of stock."
                    : "Only \(product.stock) of \(product.name) left in stock."
                throw HTTPError.conflict(code: "out_of_stock", message)
            }
            guard let lineTotal = product.price.times(item.quantity) else { throw HTTPError.amountTooLarge }
            lines.append(OrderLine(productId: product.id, name: product.name, kind: product.kind,
                                   unitPrice: product.price, quantity: item.quantity, lineTotal: lineTotal))
        }
        let currency = lines.first?.unitPrice.currency ?? "NZD"
        guard let totals = Totals(lines: lines.map { ($0.kind, $0.lineTotal.amount) }, currency: currency) else {
            throw HTTPError.amountTooLarge
        }
        var address: Address?
        if lines.contains(where: { $0.kind == .physical }) {
            guard let given = deliveryAddress else {
                throw HTTPError.unprocessable(code: "missing_field", "A delivery address is needed for physical items.",
                                              param: "deliveryAddress")
            }
            try SignUpRules.requireAddress(given, param: "deliveryAddress")
            address = given
        }
        return Priced(lines: lines, totals: totals, deliveryAddress: address)
    }
}
