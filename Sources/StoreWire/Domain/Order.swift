public enum OrderStatus: String, Codable, Hashable, Sendable {
    case pendingPayment = "PENDING_PAYMENT"
    case paid = "PAID"
    case fulfilled = "FULFILLED"
    case cancelled = "CANCELLED"
    /// Never paid within the time allowed; its stock went back on sale.
    case expired = "EXPIRED"
}

public struct OrderLine: Codable, Hashable, Sendable {
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

/// What is kept of a card: never more than brand and last four digits.
public struct CardSummary: Codable, Hashable, Sendable {
    public var brand: CardBrand
    public var last4: String
    public init(brand: CardBrand, last4: String) { self.brand = brand; self.last4 = last4 }
}

public struct Shipment: Codable, Hashable, Sendable {
    /// e.g. "AWAITING_DISPATCH", "SHIPPED", "DELIVERED_BY_EMAIL".
    public var status: String
    public var trackingNumber: String?
    public init(status: String, trackingNumber: String?) { self.status = status; self.trackingNumber = trackingNumber }
}

public struct PaymentIntent: Codable, Hashable, Sendable {
    public var id: String
    public var clientSecret: String
    public var amount: Money
    public init(id: String, clientSecret: String, amount: Money) {
        self.id = id; self.clientSecret = clientSecret; self.amount = amount
    }
}

public struct Order: Codable, Hashable, Sendable, Identifiable {
    public var id: String
    /// Human order number such as "TBS-7Q4K2M".
    public var number: String
    public var status: OrderStatus
    /// ISO 8601, UTC.
    public var createdAt: String
    public var email: String
    public var lines: [OrderLine]
    public var subtotal: Money
    public var tax: Money
    public var shipping: Money
    public var total: Money
    public var deliveryAddress: Address?
    public var card: CardSummary?
    public var shipment: Shipment?
    /// Present while the order awaits payment.
    public var paymentIntent: PaymentIntent?
    /// Whether the order service would accept a cancel now.
    public var cancellable: Bool

    public init(id: String, number: String, status: OrderStatus, createdAt: String, email: String,
                lines: [OrderLine], subtotal: Money, tax: Money, shipping: Money, total: Money,
                deliveryAddress: Address?, card: CardSummary?, shipment: Shipment?,
                paymentIntent: PaymentIntent?, cancellable: Bool) {
        self.id = id; self.number = number; self.status = status; self.createdAt = createdAt
        self.email = email; self.lines = lines; self.subtotal = subtotal; self.tax = tax
        self.shipping = shipping; self.total = total; self.deliveryAddress = deliveryAddress
        self.card = card; self.shipment = shipment; self.paymentIntent = paymentIntent
        self.cancellable = cancellable
    }
}

public struct CreateOrderRequest: Codable, Hashable, Sendable {
    /// The cart to order from: an anonymous cart id or "mine".
    public var cartId: String
    public var deliveryAddress: Address?
    public init(cartId: String, deliveryAddress: Address?) { self.cartId = cartId; self.deliveryAddress = deliveryAddress }
}
