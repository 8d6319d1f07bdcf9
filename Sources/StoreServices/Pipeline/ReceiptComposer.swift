import Foundation
import StoreWire

/// Words of the emails the shopper gets after a purchase. Only brand and last
/// four digits of the card ever appear.
enum ReceiptComposer {
    static let sender = "The Better Store <orders@betterstore.test>"
    static let messageDomain = "betterstore.test"

    static func receipt(for event: OrderPurchased, now: Date = Date()) -> EmailMessage {
        let order = event.order
        var body: [String] = [
            "Thank you for your order.",
            "",
            "Order number: \(order.number)",
            "Placed: \(order.createdAt)",
            "",
        ]
        body += lineTable(order.lines)
        body += [
            "",
            row("Subtotal", order.subtotal.formatted),
            row("Shipping", order.shipping.amount == 0 ? (hasPhysical(order) ? "Free" : "None") : order.shipping.formatted),
            row("Total", order.total.formatted),
            row("Includes GST", order.tax.formatted),
        ]
        if let card = order.card {
            body += ["", "Paid with \(card.brand.displayName) ending in \(card.last4)."]
        }
        if let address = order.deliveryAddress, hasPhysical(order) {
            body += ["", "Delivering to:"] + address.lines.map { "  " + $0 }
        }
        body += ["", "The Better Store"]
        return EmailMessage(from: sender, to: order.email, subject: "Your receipt for order \(order.number)",
                            messageID: "receipt.\(order.id).\(event.eventId)@\(messageDomain)", date: now,
                            body: body.joined(separator: "\n"))
    }

    static func digitalDelivery(for event: OrderPurchased, downloads: [(line: OrderLine, url: String)],
                                now: Date = Date()) -> EmailMessage {
        var body = ["Your digital items from order \(event.order.number) are ready.", ""]
        for download in downloads {
            body += ["\(download.line.quantity) × \(download.line.name)", "  Download: \(download.url)", ""]
        }
        body += ["Each link is personal to you.", "", "The Better Store"]
        return EmailMessage(from: sender, to: event.order.email,
                            subject: "Your downloads for order \(event.order.number)",
                            messageID: "downloads.\(event.order.id).\(event.eventId)@\(messageDomain)", date: now,
                            body: body.joined(separator: "\n"))
    }

    private static func hasPhysical(_ order: Order) -> Bool { order.lines.contains { $0.kind == .physical } }

    private static let width = 60

    /// One row per line; a name too long for the row gets a row of its own, so the
    /// totals stay in their column.
    private static func lineTable(_ lines: [OrderLine]) -> [String] {
        lines.flatMap { line -> [String] in
            let label = "\(line.quantity) × \(line.kind.listedName(line.name)) @ \(line.unitPrice.formatted)"
            let total = line.lineTotal.formatted
            if DisplayWidth.of(label) + 1 + DisplayWidth.of(total) <= width { return [row(label, total)] }
            return ["\(line.quantity) × \(line.kind.listedName(line.name))", row("    @ \(line.unitPrice.formatted)", total)]
        }
    }

    private static func row(_ label: String, _ value: String) -> String {
        let padding = max(1, width - DisplayWidth.of(label) - DisplayWidth.of(value))
        return label + String(repeating: " ", count: padding) + value
    }
}
