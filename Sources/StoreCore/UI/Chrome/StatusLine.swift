/// Who is signed in, the cart count and the state of the service. On a narrow
/// terminal the service state wins the room over who is signed in.
enum StatusLine {
    static func draw(_ grid: inout Grid, _ state: AppState, row: Int) {
        let width = grid.size.columns
        grid.fill(role: .statusBar, columns: 0..<width, rows: row..<(row + 1))
        let who = state.session.map { "Signed in as \($0.user.name)" } ?? "Not signed in"
        let count = state.cart.itemCount
        let cart = "Cart: \(count) item\(count == 1 ? "" : "s")"
        let (service, role) = serviceState(state)

        var parts = [who, cart]
        let length = { DisplayWidth.of(" " + parts.joined(separator: " │ ") + " │ " + service) }
        if length() >= width { parts.removeFirst() }
        var x = grid.write(" " + parts.joined(separator: " │ ") + " │ ", column: 0, row: row, role: .statusBar)
        x = grid.write(service, column: x, row: row, role: role)
        let endpoint = state.config.endpointLabel + " "
        let endpointX = width - DisplayWidth.of(endpoint)
        if endpointX > x + 3 { grid.write(endpoint, column: endpointX, row: row, role: .statusBar) }
    }

    private static func serviceState(_ state: AppState) -> (String, Role) {
        if state.network.unreachable {
            let summary = state.network.lastFailure?.connectivitySummary ?? "store unreachable"
            return ("\(summary) — \(state.keymap.label(for: .retry)) to retry", .error)
        }
        if !state.network.inFlight.isEmpty { return ("loading…", .statusBar) }
        return ("● online", .statusBar)
    }
}
