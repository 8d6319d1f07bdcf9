/// Who is signed in, the cart count and the state of the service.
enum StatusLine {
    static func draw(_ grid: inout Grid, _ state: AppState, row: Int) {
        let width = grid.size.columns
        grid.fill(role: .statusBar, columns: 0..<width, rows: row..<(row + 1))
        let who = state.session.map { "Signed in as \($0.user.name)" } ?? "Not signed in"
        let count = state.cart.itemCount
        let cart = "Cart: \(count) item\(count == 1 ? "" : "s")"
        var x = grid.write(" \(who) │ \(cart)", column: 0, row: row, role: .statusBar)

        let service: String
        let role: Role
        if state.network.unreachable {
            service = "store unreachable — \(state.keymap.label(for: .retry)) to retry"
            role = .error
        } else if !state.network.inFlight.isEmpty {
            service = "loading…"
            role = .statusBar
        } else {
            service = "● online"
            role = .statusBar
        }
        x = grid.write(" │ ", column: x, row: row, role: .statusBar)
        x = grid.write(service, column: x, row: row, role: role)
        let endpoint = state.config.endpointLabel + " "
        let endpointX = width - DisplayWidth.of(endpoint)
        if endpointX > x + 3 { grid.write(endpoint, column: endpointX, row: row, role: .statusBar) }
    }
}
