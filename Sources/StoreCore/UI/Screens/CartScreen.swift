/// The cart: lines, quantities, and the totals the server computed.
enum CartScreen {
    static func handle(_ action: Action, _ state: inout AppState) -> [Command]? {
        let lines = state.cart.lines
        let selected = lines.indices.contains(state.cart.selection) ? lines[state.cart.selection] : nil
        if let row = ListSelection.row(after: action, from: state.cart.selection, count: lines.count) {
            state.cart.selection = row
            return []
        }
        switch action {
        case .increase, .decrease:
            guard let line = selected else { return [] }
            let current = state.cart.quantity(of: line.productId)
            let wanted = current + (action == .increase ? 1 : -1)
            guard wanted != current, wanted <= Cart.maxQuantity, wanted >= 0 else { return [] }
            return CartUpdates.setQuantity(line.productId, wanted, &state)
        case .remove:
            guard let line = selected else { return [] }
            return CartUpdates.remove(line.productId, &state)
        case .checkout:
            return CheckoutFlow.begin(&state)
        default:
            return nil
        }
    }

    static func shippingText(_ shipping: Money, physical: Bool) -> String {
        guard physical else { return "—" }
        return shipping.amount == 0 ? "Free" : shipping.formatted
    }

    static func view(_ state: AppState, _ grid: inout Grid, _ body: Rect) {
        let cart = state.cart
        let count = cart.itemCount
        let loading = state.isInFlight { request in
            switch request {
            case .cart, .createCart, .setQuantity, .removeLine, .emptyCart, .mergeCart: return true
            default: return false
            }
        }
        let trailing = loading ? "updating…" : "\(count) item\(count == 1 ? "" : "s")"
        let inside = Frame.draw(&grid, body, title: "Cart", trailing: trailing).inset(horizontal: 1)
        guard let current = cart.cart, !current.lines.isEmpty else {
            let text = ListPlaceholder.text(state, loading: cart.creating || (loading && cart.cart == nil), what: "your cart",
                                            requests: { request in
                                                if case .createCart = request { return true }
                                                if case .cart = request { return true }
                                                return false
                                            },
                                            empty: "Your cart is empty. Press \(state.keymap.label(for: .goShop)) to shop.")
            ListPlaceholder.draw(text, &grid, inside.top(1).1)
            return
        }
        let roomy = inside.height >= 12
        let totalsHeight = 4 + (roomy ? 1 : 0)
        let widths = Table.widths(total: inside.width, fixed: inside.width >= 60 ? [12, 4, 12] : [4, 12])
        let showUnit = widths.count == 4
        var y = inside.y
        Table.row(&grid, x: inside.x, y: y, widths: widths,
                  cells: showUnit ? ["Item", "Unit price", "Qty", "Total"] : ["Item", "Qty", "Total"],
                  role: .muted, rightAligned: Set(1..<widths.count))
        y += 1
        if roomy { Frame.rule(&grid, row: y, x: inside.x, width: inside.width); y += 1 }
        let visible = max(1, inside.maxY - totalsHeight - y)
        let start = max(0, min(cart.selection - visible + 1, current.lines.count - visible))
        for (offset, line) in current.lines.dropFirst(start).prefix(visible).enumerated() {
            let index = start + offset
            let pending = cart.pendingQuantity[line.productId]
            let quantity = pending.map { "\($0)…" } ?? "\(line.quantity)"
            var cells = [line.kind.listedName(line.name, fitting: widths[0]), quantity, line.lineTotal.formatted]
            if showUnit { cells.insert(line.unitPrice.formatted, at: 1) }
            let selected = index == cart.selection
            Table.row(&grid, x: inside.x, y: y, widths: widths, cells: cells,
                      role: selected ? .selection : .normal,
                      roles: selected ? [:] : [widths.count - 1: .price],
                      rightAligned: Set(1..<widths.count))
            if selected { grid.paint(.selection, columns: inside.x..<inside.maxX, row: y) }
            y += 1
        }
        drawTotals(current, &grid, Rect(x: inside.x, y: inside.maxY - totalsHeight, width: inside.width, height: totalsHeight),
                   rule: roomy)
    }

    /// Subtotal, GST, shipping and total, right-aligned under the lines.
    static func drawTotals(_ totals: (subtotal: Money, tax: Money, shipping: Money, total: Money, physical: Bool),
                           _ grid: inout Grid, _ rect: Rect, rule: Bool) {
        var y = rect.y
        if rule { Frame.rule(&grid, row: y, x: rect.x, width: rect.width); y += 1 }
        let rows: [(String, String, Role)] = [
            ("Subtotal", totals.subtotal.formatted, .normal),
            ("GST included", totals.tax.formatted, .muted),
            ("Shipping", shippingText(totals.shipping, physical: totals.physical), .normal),
            ("Total", totals.total.formatted, .heading),
        ]
        let valueWidth = max(12, rows.map { DisplayWidth.of($0.1) }.max() ?? 0)
        for row in rows where y < rect.maxY {
            let text = DisplayWidth.pad(row.0, to: 14) + TextLayout.right(row.1, valueWidth)
            grid.write(text, column: rect.maxX - DisplayWidth.of(text), row: y, role: row.2)
            y += 1
        }
    }

    static func drawTotals(_ cart: Cart, _ grid: inout Grid, _ rect: Rect, rule: Bool) {
        drawTotals((cart.subtotal, cart.tax, cart.shipping, cart.total, cart.hasPhysicalItems), &grid, rect, rule: rule)
    }
}
