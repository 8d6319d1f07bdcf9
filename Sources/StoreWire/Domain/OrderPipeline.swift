/// The OrderPurchased pipeline of one order as far as it has come
/// (`GET /order/v1/orders/{id}/pipeline`): each step once it is done.
public struct OrderPipeline: Codable, Hashable, Sendable {
    public var orderId: String
    /// When the order was paid (the purchase recorded), seconds since 1970; nil before.
    public var paidAt: Double?
    public var steps: [PipelineStep]
    /// True when every step this order will have is done.
    public var complete: Bool
    public init(orderId: String, paidAt: Double?, steps: [PipelineStep], complete: Bool) {
        self.orderId = orderId; self.paidAt = paidAt; self.steps = steps; self.complete = complete
    }
}

public struct PipelineStep: Codable, Hashable, Sendable {
    /// One of `PipelineStep.Name`'s raw values.
    public var name: String
    /// When the step was done, seconds since 1970.
    public var at: Double
    /// Milliseconds since payment (negative for the order being stored before it).
    public var sincePaymentMs: Int?
    /// The shipping order's tracking number, for `shipping_order_created`.
    public var detail: String?
    public init(name: String, at: Double, sincePaymentMs: Int?, detail: String? = nil) {
        self.name = name; self.at = at; self.sincePaymentMs = sincePaymentMs; self.detail = detail
    }

    /// The steps in the order they normally complete.
    public enum Name: String, CaseIterable, Sendable {
        case orderStored = "order_stored"
        case paymentApproved = "payment_approved"
        case reportingRowWritten = "reporting_row_written"
        case receiptSent = "receipt_sent"
        case shippingOrderCreated = "shipping_order_created"
        case downloadEmailSent = "download_email_sent"

        /// How the client shows the step.
        public var label: String {
            switch self {
            case .orderStored: return "order stored"
            case .paymentApproved: return "payment approved"
            case .reportingRowWritten: return "reporting row written"
            case .receiptSent: return "receipt sent"
            case .shippingOrderCreated: return "shipping order created"
            case .downloadEmailSent: return "download email sent"
            }
        }
    }
}
