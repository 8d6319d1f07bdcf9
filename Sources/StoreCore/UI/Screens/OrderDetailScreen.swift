/// One order: lines, totals, card, delivery address, shipment; cancel when allowed.
enum OrderDetailScreen {
    static func handle(_ action: Action, _ state: inout AppState) -> [Command]? {
        guard case .cancelOrder = action else { return nil }
        guard let order = state.orders.detail else { return [] }
        guard order.cancellable else {
            state.show("Order \(order.number) can no longer be cancelled", .info)
            return []
        }
        state.overlay = .confirmCancel(orderID: order.id, number: order.number)
        return []
    }

    static func view(_ state: AppState, _ grid: inout Grid, _ body: Rect) {
        guard let order = state.orders.detail else { return }
        let inside = Frame.draw(&grid, body, title: "Order \(order.number)",
                                trailing: OrdersScreen.statusText(order.status)).inset(horizontal: 1)
        var facts: [(String, Role)] = [("Placed \(order.createdAt.prefix(10)) · \(OrdersScreen.statusText(order.status))", .muted)]
        if let card = order.card { facts.append(("Paid with \(card.brand.displayName) •••• \(card.last4)", .normal)) }
        if let address = order.deliveryAddress {
            facts.append(("Deliver to: " + address.lines.joined(separator: ", "), .normal))
        }
        if let shipment = order.shipment {
            let tracking = shipment.trackingNumber.map { " · tracking \($0)" } ?? ""
            facts.append(("Shipment: \(shipment.status.replacingUnderscores)\(tracking)", .normal))
        }
        if order.cancellable {
            facts.append(("\(state.keymap.label(for: .cancelOrder)): cancel this order", .accent))
        }
        let wrapped = facts.flatMap { fact in TextLayout.wrap(fact.0, width: inside.width).map { ($0, fact.1) } }
        var y = inside.y
        let widths = Table.widths(total: inside.width, fixed: [5, 12])
        Table.row(&grid, x: inside.x, y: y, widths: widths, cells: ["Item", "Qty", "Total"], role: .muted,
                  rightAligned: [1, 2])
        y += 1
        let reserved = wrapped.count + 6
        for line in order.lines.prefix(max(1, inside.height - reserved)) {
            Table.row(&grid, x: inside.x, y: y, widths: widths, cells: [line.kind.listedName(line.name, fitting: widths[0]), "\(line.quantity)", line.lineTotal.formatted],
                      roles: [2: .price], rightAligned: [1, 2])
            y += 1
        }
        CartScreen.drawTotals((order.subtotal, order.tax, order.shipping, order.total,
                               order.lines.contains { $0.kind == .physical }),
                              &grid, Rect(x: inside.x, y: y, width: inside.width, height: 4), rule: false)
        y += 5
        for fact in wrapped where y < inside.maxY {
            grid.write(fact.0, column: inside.x, row: y, role: fact.1, limit: inside.width)
            y += 1
        }
    }
}

extension String {
    /// "AWAITING_DISPATCH" → "Awaiting dispatch".
    var replacingUnderscores: String {
        let words = lowercased().split(separator: "_").joined(separator: " ")
        return words.prefix(1).uppercased() + words.dropFirst()
    }
}
