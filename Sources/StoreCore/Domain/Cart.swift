public struct CartLine: Codable, Hashable, Sendable {
    public var productId: String
    public var name: String
    public var kind: ProductKind
    public var unitPrice: Money
    public var quantity: Int
    public var lineTotal: Money
    public init(productId: String, name: String, kind: ProductKind, unitPrice: Money, quantity: Int, lineTotal: Money) {
        self.productId = productId; self.name = name; self.kind = kind
        self.unitPrice = unitPrice; self.quantity = quantity; self.lineTotal = lineTotal
    }
}

/// A cart as the cart service returns it; every total is computed by the server.
public struct Cart: Codable, Hashable, Sendable {
    public static let maxQuantity = 99
    public var id: String
    public var lines: [CartLine]
    public var subtotal: Money
    public var tax: Money
    public var shipping: Money
    public var total: Money
    public var itemCount: Int
    public init(id: String, lines: [CartLine], subtotal: Money, tax: Money, shipping: Money, total: Money, itemCount: Int) {
        self.id = id; self.lines = lines; self.subtotal = subtotal; self.tax = tax
        self.shipping = shipping; self.total = total; self.itemCount = itemCount
    }

    public var hasPhysicalItems: Bool { lines.contains { $0.kind == .physical } }
}

/// Totals of a set of priced lines, by the rules in `Pricing`.
public struct Totals: Codable, Hashable, Sendable {
    public var subtotal: Money
    public var tax: Money
    public var shipping: Money
    public var total: Money

    public init(lines: [(kind: ProductKind, lineTotal: Int)], currency: String = "NZD") {
        let subtotal = lines.reduce(0) { $0 + $1.lineTotal }
        let physical = lines.filter { $0.kind == .physical }
        let shipping = Pricing.shipping(physicalSubtotal: physical.reduce(0) { $0 + $1.lineTotal },
                                        hasPhysical: !physical.isEmpty)
        let total = subtotal + shipping
        self.subtotal = Money(subtotal, currency)
        self.shipping = Money(shipping, currency)
        self.total = Money(total, currency)
        self.tax = Money(Pricing.gstIncluded(in: total), currency)
    }
}
