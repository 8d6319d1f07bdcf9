/// Checkout step: the lines, totals and delivery address before paying.
enum ReviewScreen {
    static func handle(_ action: Action, _ state: inout AppState) -> [Command]? {
        switch action {
        case .confirm:
            guard let cart = state.cart.cart, !cart.lines.isEmpty else { return CheckoutFlow.begin(&state) }
            return state.navigate(to: .card)
        default:
            return nil
        }
    }

    static func view(_ state: AppState, _ grid: inout Grid, _ body: Rect) {
        let inside = Frame.draw(&grid, body, title: "Review your order").inset(horizontal: 1)
        guard let cart = state.cart.cart else { return }
        let address = cart.hasPhysicalItems ? state.checkout.deliveryAddress : nil
        let addressText = address.map { "Deliver to: " + $0.lines.joined(separator: ", ") }
            ?? "Digital items only — delivered by email, no shipping."
        let addressLines = TextLayout.wrap(addressText, width: inside.width)
        let footer = "Enter: continue to card details"
        let totalsHeight = 4
        let reserved = totalsHeight + addressLines.count + 3
        let widths = Table.widths(total: inside.width, fixed: [5, 12])
        var y = inside.y
        Table.row(&grid, x: inside.x, y: y, widths: widths, cells: ["Item", "Qty", "Total"], role: .muted,
                  rightAligned: [1, 2])
        y += 1
        let room = max(1, inside.height - reserved - 1)
        for line in cart.lines.prefix(room) {
            Table.row(&grid, x: inside.x, y: y, widths: widths,
                      cells: [line.kind.listedName(line.name, fitting: widths[0]), "\(line.quantity)", line.lineTotal.formatted],
                      roles: [2: .price], rightAligned: [1, 2])
            y += 1
        }
        if cart.lines.count > room {
            grid.write("… and \(cart.lines.count - room) more", column: inside.x, row: y, role: .muted)
            y += 1
        }
        CartScreen.drawTotals(cart, &grid, Rect(x: inside.x, y: y, width: inside.width, height: totalsHeight), rule: false)
        y += totalsHeight + 1
        for line in addressLines where y < inside.maxY - 1 {
            grid.write(line, column: inside.x, row: y)
            y += 1
        }
        grid.write(footer, column: inside.x, row: inside.maxY - 1, role: .accent, limit: inside.width)
    }
}
