import Foundation
import StoreWire

/// What the OrderPurchased pipeline has done for one order so far, read from
/// each store that records a step, one query per store (no query crosses
/// databases): the order service's orders and outbox, the reporting and
/// fulfillment databases, and the email consumers' handled events.
public struct OrderPipelineReader: Sendable {
    let orders: OrderStore
    let reporting: ReportingStore
    let fulfillment: FulfillmentStore
    let processed: ProcessedEvents

    public init(orders: OrderStore, reporting: ReportingStore, fulfillment: FulfillmentStore, processed: ProcessedEvents) {
        self.orders = orders; self.reporting = reporting; self.fulfillment = fulfillment; self.processed = processed
    }

    func pipeline(of stored: StoredOrder) throws -> OrderPipeline {
        let order = stored.order
        var steps: [(PipelineStep.Name, Double, String?)] = [(.orderStored, stored.createdEpoch, nil)]
        var expected: Set<PipelineStep.Name> = [.orderStored, .paymentApproved, .reportingRowWritten, .receiptSent]
        if order.lines.contains(where: { $0.kind == .physical }) { expected.insert(.shippingOrderCreated) }
        if order.lines.contains(where: { $0.kind == .digital }) { expected.insert(.downloadEmailSent) }

        let purchase = try orders.purchaseEvent(orderID: order.id)
        if let purchase {
            steps.append((.paymentApproved, purchase.recorded, nil))
            if let written = try ProcessedEvents.recordedTime(of: purchase.id, in: reporting.database) {
                steps.append((.reportingRowWritten, written, nil))
            }
            let emails = try processed.handledTimes(of: purchase.id)
            if let sent = emails[ReceiptConsumer.consumerName] { steps.append((.receiptSent, sent, nil)) }
            if expected.contains(.shippingOrderCreated),
               let created = try ProcessedEvents.recordedTime(of: purchase.id, in: fulfillment.database),
               let tracking = try fulfillment.trackingNumber(orderId: order.id) {
                steps.append((.shippingOrderCreated, created, tracking))
            }
            if expected.contains(.downloadEmailSent), let sent = emails[FulfillmentConsumer.downloadsConsumerName] {
                steps.append((.downloadEmailSent, sent, nil))
            }
        }
        let paid = purchase?.recorded
        let ordered = steps.sorted { $0.1 < $1.1 }.map { name, at, detail in
            PipelineStep(name: name.rawValue, at: at,
                         sincePaymentMs: paid.map { Int(((at - $0) * 1000).rounded()) }, detail: detail)
        }
        return OrderPipeline(orderId: order.id, paidAt: paid, steps: ordered,
                             complete: expected.isSubset(of: Set(steps.map(\.0))))
    }
}
