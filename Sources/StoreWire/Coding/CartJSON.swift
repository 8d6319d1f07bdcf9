/// Carts written field by field, in the bytes `SortedJSONEncoder` writes for
/// `Cart` through its `Codable` conformance (keys in sorted order): every cart
/// change answers with the whole cart, so it is the answer carts write most.
extension JSONOutput {
    public mutating func cart(_ cart: Cart) {
        raw("{\"id\":")
        string(cart.id)
        raw(",\"itemCount\":")
        integer(cart.itemCount)
        raw(",\"lines\":[")
        for (index, line) in cart.lines.enumerated() {
            if index > 0 { raw(",") }
            cartLine(line)
        }
        raw("],\"shipping\":")
        money(cart.shipping)
        raw(",\"subtotal\":")
        money(cart.subtotal)
        raw(",\"tax\":")
        money(cart.tax)
        raw(",\"total\":")
        money(cart.total)
        raw("}")
    }

    public mutating func cartLine(_ line: CartLine) {
        raw("{\"kind\":")
        string(line.kind.rawValue)
        raw(",\"lineTotal\":")
        money(line.lineTotal)
        raw(",\"name\":")
        string(line.name)
        raw(",\"productId\":")
        string(line.productId)
        raw(",\"quantity\":")
        integer(line.quantity)
        raw(",\"unitPrice\":")
        money(line.unitPrice)
        raw("}")
    }

    public mutating func money(_ money: Money) {
        raw("{\"amount\":")
        integer(money.amount)
        raw(",\"currency\":")
        string(money.currency)
        raw("}")
    }
}
