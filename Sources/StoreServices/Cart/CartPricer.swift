import StoreWire

/// Prices a cart's items from the catalogue and computes its totals. A
/// product that has left the catalogue drops out of the cart.
enum CartPricer {
    /// `known` holds products the caller has just read; only the others are looked up.
    static func price(_ items: [CartItem], id: String, catalog: ProductCatalog,
                      known: [String: Product] = [:]) throws -> Cart {
        let missing = items.map(\.productId).filter { known[$0] == nil }
        let products = missing.isEmpty ? known : known.merging(try catalog.products(ids: missing)) { _, fetched in fetched }
        let lines = try items.compactMap { item -> CartLine? in
            guard let product = products[item.productId], item.quantity > 0 else { return nil }
            guard let lineTotal = product.price.times(item.quantity) else { throw HTTPError.amountTooLarge }
            return CartLine(productId: product.id, name: product.name, kind: product.kind, unitPrice: product.price,
                            quantity: item.quantity, lineTotal: lineTotal)
        }
        let currency = lines.first?.unitPrice.currency ?? "NZD"
        guard let totals = Totals(lines: lines.map { (kind: $0.kind, lineTotal: $0.lineTotal.amount) }, currency: currency) else {
            throw HTTPError.amountTooLarge
        }
        return Cart(id: id, lines: lines, subtotal: totals.subtotal, tax: totals.tax, shipping: totals.shipping,
                    total: totals.total, itemCount: lines.reduce(0) { $0 + $1.quantity })
    }
}
