/// The signed-in user's orders, newest first as the service returns them.
enum OrdersScreen {
    /// `o`: the orders, after signing in when needed.
    static func open(_ state: inout AppState) -> [Command] {
        guard state.session != nil else {
            SignInScreen.prepare(then: .orders, &state)
            return state.navigate(to: .signIn)
        }
        return state.navigate(to: .orders)
    }

    static func handle(_ action: Action, _ state: inout AppState) -> [Command]? {
        let count = state.orders.list.count
        if let row = ListSelection.row(after: action, from: state.orders.selection, count: count) {
            state.orders.selection = row
            return []
        }
        switch action {
        case .open:
            guard state.orders.list.indices.contains(state.orders.selection), let token = state.token else { return [] }
            let order = state.orders.list[state.orders.selection]
            state.orders.detail = order
            return state.navigate(to: .orderDetail) + [state.send(.order(id: order.id, token: token))]
        default: return nil
        }
    }

    static func received(_ request: APIRequest, _ result: Result<APIResponse, APIError>,
                         _ state: inout AppState) -> [Command] {
        switch (request, result) {
        case (.orders, .success(.orders(let orders))):
            state.orders.list = orders
            state.orders.loaded = true
            state.orders.selection = max(0, min(state.orders.selection, orders.count - 1))
        case (.order, .success(.order(let order))), (.cancelOrder, .success(.order(let order))):
            if state.orders.detail?.id == order.id { state.orders.detail = order }
            if let index = state.orders.list.firstIndex(where: { $0.id == order.id }) { state.orders.list[index] = order }
            if case .cancelOrder = request { state.show("Order \(order.number) cancelled", .success) }
        case (_, .failure(let error)) where !error.isConnectivity:
            state.show(error.userMessage, .error)
        default:
            break
        }
        return []
    }

    static func statusText(_ status: OrderStatus) -> String {
        switch status {
        case .pendingPayment: return "Awaiting payment"
        case .paid: return "Paid"
        case .fulfilled: return "Fulfilled"
        case .cancelled: return "Cancelled"
        case .expired: return "Expired"
        }
    }

    static func view(_ state: AppState, _ grid: inout Grid, _ body: Rect) {
        let loading = state.isInFlight { if case .orders = $0 { return true }; return false }
        let inside = Frame.draw(&grid, body, title: "Orders", trailing: loading ? "loading…" : "last 6 months")
            .inset(horizontal: 1)
        guard !state.orders.list.isEmpty else {
            let text = ListPlaceholder.text(state, loading: loading, what: "your orders",
                                            requests: { if case .orders = $0 { return true }; return false },
                                            empty: state.orders.loaded ? "No orders in the last 6 months." : "loading…")
            ListPlaceholder.draw(text, &grid, inside.top(1).1)
            return
        }
        let wide = inside.width >= 64
        let fixed = wide ? [10, 16, 12] : [16, 12]
        let widths = Table.widths(total: inside.width, fixed: fixed)
        let header = wide ? ["Order", "Date", "Status", "Total"] : ["Order", "Status", "Total"]
        Table.row(&grid, x: inside.x, y: inside.y, widths: widths, cells: header, role: .muted,
                  rightAligned: [widths.count - 1])
        let visible = inside.height - 1
        let selection = state.orders.selection
        let start = max(0, min(selection - visible + 1, state.orders.list.count - visible))
        for (offset, order) in state.orders.list.dropFirst(start).prefix(visible).enumerated() {
            let y = inside.y + 1 + offset
            let selected = start + offset == selection
            var cells = [order.number, statusText(order.status), order.total.formatted]
            if wide { cells.insert(String(order.createdAt.prefix(10)), at: 1) }
            Table.row(&grid, x: inside.x, y: y, widths: widths, cells: cells, role: selected ? .selection : .normal,
                      roles: selected ? [:] : [widths.count - 1: .price], rightAligned: [widths.count - 1])
            if selected { grid.paint(.selection, columns: inside.x..<inside.maxX, row: y) }
        }
    }
}
