/// Starting a checkout: sign in first when needed, then the address step for
/// physical items (prefilled from the profile), else straight to review.
enum CheckoutFlow {
    static func begin(_ state: inout AppState) -> [Command] {
        // A new try: the last decline's words no longer apply.
        if state.notice?.kind == .error { state.notice = nil }
        guard let cart = state.cart.cart, !cart.lines.isEmpty else {
            state.show("Your cart is empty", .info)
            return state.screen == .cart ? [] : state.navigate(to: .cart)
        }
        guard !state.cart.hasPendingEdits else {
            state.cart.checkoutWhenSettled = true
            state.show("Updating the cart — checkout follows", .info)
            return []
        }
        state.cart.checkoutWhenSettled = false
        guard state.session != nil else {
            SignInScreen.prepare(then: .checkout, &state)
            return state.navigate(to: .signIn)
        }
        guard cart.hasPhysicalItems else {
            state.checkout.deliveryAddress = nil
            return state.navigate(to: .review)
        }
        prefillAddress(&state)
        return state.navigate(to: .address)
    }

    /// Fills the address form from the profile unless the user already typed one.
    private static func prefillAddress(_ state: inout AppState) {
        let form = state.checkout.address
        let untouched = ["name", "line1", "line2", "city", "postcode"].allSatisfy { form[$0].isEmpty }
        guard untouched, let user = state.session?.user else { return }
        var filled = form
        if let address = user.address {
            filled["name"] = address.name
            filled["line1"] = address.line1
            filled["line2"] = address.line2
            filled["city"] = address.city
            filled["postcode"] = address.postcode
            filled["country"] = address.country
        } else {
            filled["name"] = user.name
        }
        state.checkout.address = filled
    }

    /// The idempotency key of the current attempt's order: the same on every retry of it.
    static func orderIdempotencyKey(_ state: AppState) -> String {
        "\(state.config.instanceID)-\(state.checkout.attempt)"
    }

    /// The idempotency key of the current payment attempt (one card submitted
    /// for the attempt's order): the same on every retry of it, so a retry after
    /// a time-out replays the first answer instead of charging again.
    static func paymentIdempotencyKey(_ state: AppState) -> String {
        "\(orderIdempotencyKey(state))-payment-\(state.checkout.paymentAttempt)"
    }
}
