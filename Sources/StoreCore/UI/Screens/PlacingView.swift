/// Drawing the placing screen: progress words, and what to do when the store is unreachable.
extension PlacingScreen {
    static func view(_ state: AppState, _ grid: inout Grid, _ body: Rect) {
        let inside = Frame.draw(&grid, body, title: "Placing order").inset(horizontal: 1)
        let failed = state.network.failed.contains { isPlacing($0.request, state) }
        var steps: [(Bool, String)] = [
            (state.checkout.phase == .creatingOrder, "creating order…"),
            (state.checkout.phase == .authorising, "authorising payment…"),
        ]
        if state.checkout.phase == .checkingOrder { steps.append((true, "checking the order…")) }
        var y = inside.y + 1
        if let total = state.cart.cart?.total {
            grid.write("Paying \(total.formatted) with \(state.checkout.card.brand.displayName) "
                       + "•••• \(state.checkout.card.digits.suffix(4))", column: inside.x, row: y, role: .muted,
                       limit: inside.width)
            y += 2
        }
        let passed = state.checkout.phase == .authorising || state.checkout.phase == .checkingOrder
        for (index, step) in steps.enumerated() {
            let mark = step.0 ? "▸ " : (index == 0 && passed) ? "✓ " : "  "
            grid.write(mark + step.1, column: inside.x, row: y, role: step.0 ? .accent : .muted)
            y += 1
        }
        if failed {
            y += 1
            grid.write("The store is unreachable — press \(state.keymap.label(for: .retry)) to retry, "
                       + "\(state.keymap.label(for: .back)) to go back", column: inside.x, row: y, role: .error,
                       limit: inside.width)
        } else {
            y += 1
            grid.write("Please wait — this takes a moment.", column: inside.x, row: y, role: .muted, limit: inside.width)
        }
    }
}
