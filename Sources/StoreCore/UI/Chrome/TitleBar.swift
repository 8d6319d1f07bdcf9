/// The top row: the shop's name, and where in the shop the user is.
enum TitleBar {
    static func draw(_ grid: inout Grid, _ state: AppState) {
        let width = grid.size.columns
        grid.fill(role: .title, columns: 0..<width, rows: 0..<1)
        grid.write(" ◆ The Better Store", column: 0, row: 0, role: .title)
        let place = state.screen.isCheckoutStep || (state.screen == .signIn && state.signIn.then == .checkout)
            ? checkoutSteps(state) : state.screen.title
        let room = width - 22
        let text = (DisplayWidth.of(place) < room ? place : "Checkout · \(state.screen.title)") + " "
        let x = max(22, width - DisplayWidth.of(text))
        grid.write(text, column: x, row: 0, role: .title, limit: width - x)
    }

    /// "Sign in › Address › Review › Card › Pay" with the current step in brackets.
    private static func checkoutSteps(_ state: AppState) -> String {
        var steps: [(ScreenID, String)] = []
        if state.screen == .signIn { steps.append((.signIn, "Sign in")) }
        if state.cart.cart?.hasPhysicalItems ?? true { steps.append((.address, "Address")) }
        steps += [(.review, "Review"), (.card, "Card"), (.placing, "Pay")]
        return steps.map { $0.0 == state.screen ? "[\($0.1)]" : $0.1 }.joined(separator: " › ")
    }
}
