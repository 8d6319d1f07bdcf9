import Foundation

/// Checkout step for physical items: the delivery address, prefilled from the profile.
enum AddressScreen {
    static let required = [("name", "the recipient's name"), ("line1", "the street address"),
                           ("city", "the city"), ("postcode", "the postcode"), ("country", "the country")]

    static func handle(_ action: Action, _ state: inout AppState) -> [Command]? {
        switch action {
        case .nextField, .moveDown: state.checkout.address.move(by: 1)
        case .previousField, .moveUp: state.checkout.address.move(by: -1)
        case .confirm:
            var form = state.checkout.address
            form.errors = [:]
            form.requireFilled(required)
            if form.focusFirstError(among: form.errors) {
                state.checkout.address = form
                return []
            }
            state.checkout.address = form
            let trimmed = { (id: String) in form[id].trimmingCharacters(in: .whitespaces) }
            state.checkout.deliveryAddress = Address(name: trimmed("name"), line1: trimmed("line1"), line2: trimmed("line2"),
                                                     city: trimmed("city"), postcode: trimmed("postcode"),
                                                     country: trimmed("country"))
            return state.navigate(to: .review)
        default:
            return nil
        }
        return []
    }

    static func view(_ state: AppState, _ grid: inout Grid, _ body: Rect) {
        let inside = Frame.draw(&grid, body, title: "Delivery address").inset(horizontal: 1)
        grid.write("Where should we send the physical items?", column: inside.x, row: inside.y, role: .muted,
                   limit: inside.width)
        FormView.draw(&grid, Rect(x: inside.x, y: inside.y + 2, width: inside.width, height: inside.height - 2),
                      form: state.checkout.address)
    }
}
