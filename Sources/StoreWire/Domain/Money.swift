/// An amount in integer minor units (cents) with its ISO 4217 currency code.
public struct Money: Codable, Hashable, Sendable, Comparable {
    public var amount: Int
    public var currency: String

    public init(_ amount: Int, _ currency: String = "NZD") {
        self.amount = amount
        self.currency = currency
    }

    public static func zero(_ currency: String = "NZD") -> Money { Money(0, currency) }

    /// This amount `quantity` times, or nil when the product does not fit in an `Int`.
    public func times(_ quantity: Int) -> Money? {
        let (product, overflow) = amount.multipliedReportingOverflow(by: quantity)
        return overflow ? nil : Money(product, currency)
    }

    public static func < (lhs: Money, rhs: Money) -> Bool { lhs.amount < rhs.amount }

    /// "NZD 24.99", or "-NZD 3.00" for a negative amount.
    public var formatted: String {
        let magnitude = amount.magnitude
        let cents = magnitude % 100
        let text = "\(currency) \(magnitude / 100).\(cents < 10 ? "0" : "")\(cents)"
        return amount < 0 ? "-" + text : text
    }
}

/// The store's pricing rules. Prices are tax-inclusive; the tax shown is the GST
/// contained in the total.
public enum Pricing {
    public static let gstNumerator = 3
    public static let gstDenominator = 23
    public static let shippingFee = 800
    public static let freeShippingThreshold = 10_000

    /// GST contained in a tax-inclusive amount, rounded half up to the cent.
    /// With amount = q·23 + r this is 3q + round(3r/23), so no amount overflows.
    public static func gstIncluded(in amount: Int) -> Int {
        let magnitude = amount.magnitude
        let whole = magnitude / UInt(gstDenominator)
        let rest = magnitude % UInt(gstDenominator)
        let gst = whole * UInt(gstNumerator)
            + (rest * UInt(gstNumerator) * 2 + UInt(gstDenominator)) / (UInt(gstDenominator) * 2)
        // gst ≤ 3/23 of |amount| ≤ 2^63 · 3/23, so it fits an Int.
        return amount < 0 ? -Int(gst) : Int(gst)
    }

    /// Shipping for an order: none for digital-only, free from the threshold.
    public static func shipping(physicalSubtotal: Int, hasPhysical: Bool) -> Int {
        guard hasPhysical else { return 0 }
        return physicalSubtotal >= freeShippingThreshold ? 0 : shippingFee
    }
}
