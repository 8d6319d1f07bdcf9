import Foundation

/// Checkout step: card entry. The number is grouped as typed with the brand
/// shown, checked as typed, and masked once the field is left.
enum CardScreen {
    static func handle(_ action: Action, _ state: inout AppState) -> [Command]? {
        switch action {
        case .nextField, .moveDown: state.checkout.card.form.move(by: 1)
        case .previousField, .moveUp: state.checkout.card.form.move(by: -1)
        case .placeOrder: return PlacingScreen.place(&state)
        default: return nil
        }
        return []
    }

    static func view(_ state: AppState, _ grid: inout Grid, _ body: Rect) {
        let card = state.checkout.card
        let inside = Frame.draw(&grid, body, title: "Card details").inset(horizontal: 1)
        let total = state.cart.cart.map { "Total to pay: \($0.total.formatted)" } ?? ""
        grid.write(total, column: inside.x, row: inside.y, role: .price, limit: inside.width)
        var form = card.form
        for field in form.fields { form.errors[field.id] = card.error(for: field.id, now: state.now) }
        FormView.draw(&grid, Rect(x: inside.x, y: inside.y + 2, width: inside.width, height: inside.height - 4),
                      form: form, display: card.display, hint: { field in
                          guard field.id == "number", !card.digits.isEmpty, card.brand != .unknown else { return nil }
                          return card.brand.displayName
                      })
        let place = "\(state.keymap.label(for: .placeOrder)): Place order"
        grid.write(place, column: inside.x, row: inside.maxY - 1, role: .accent, limit: inside.width)
    }
}
