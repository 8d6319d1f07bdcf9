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

    /// nil when a sum does not fit in an `Int`: a total no shop could charge.
    public init?(lines: [(kind: ProductKind, lineTotal: Int)], currency: String = "NZD") {
        guard let subtotal = Self.sum(lines.map(\.lineTotal)),
              let physicalSubtotal = Self.sum(lines.filter { $0.kind == .physical }.map(\.lineTotal)) else { return nil }
        let shipping = Pricing.shipping(physicalSubtotal: physicalSubtotal,
                                        hasPhysical: lines.contains { $0.kind == .physical })
        guard let total = Self.sum([subtotal, shipping]) else { return nil }
        self.subtotal = Money(subtotal, currency)
        self.shipping = Money(shipping, currency)
        self.total = Money(total, currency)
        self.tax = Money(Pricing.gstIncluded(in: total), currency)
    }

    /// The sum, or nil when it overflows.
    private static func sum(_ amounts: [Int]) -> Int? {
        var total = 0
        for amount in amounts {
            let (next, overflow) = total.addingReportingOverflow(amount)
            if overflow { return nil }
            total = next
        }
        return total
    }
}
