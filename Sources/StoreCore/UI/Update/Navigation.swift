/// Moving between screens; entering a screen loads what it shows.
extension AppState {
    mutating func navigate(to target: ScreenID) -> [Command] {
        guard target != screen else { return enter(target) }
        history.append(screen)
        if history.count > 30 { history.removeFirst() }
        screen = target
        return enter(target)
    }

    /// Esc: the previous screen, or home.
    mutating func goBack() -> [Command] {
        let target = history.popLast() ?? .home
        screen = target
        return target == .home ? enter(.home) : []
    }

    /// Replaces the current screen without remembering it; returning to the
    /// screen just left (placing → card) takes it off the history.
    mutating func replaceScreen(with target: ScreenID) {
        if history.last == target { history.removeLast() }
        screen = target
    }

    /// What a screen needs loaded when it opens.
    mutating func enter(_ target: ScreenID) -> [Command] {
        switch target {
        case .home:
            // Reloaded on every visit: stock levels change as people buy.
            guard !isInFlight({ if case .products(let q) = $0 { return q.featured }; return false }) else { return [] }
            return [send(.products(ProductQuery(featured: true)))]
        case .catalogue:
            return CatalogueScreen.load(&self)
        case .cart:
            guard let id = cart.id, !cart.hasPendingEdits else { return [] }
            return [send(.cart(id: id, token: token))]
        case .orders:
            guard let token else { return [] }
            return [send(.orders(token: token))]
        default:
            return []
        }
    }
}

extension AppState {
    /// Forgets the signed-in shopper: the token, their cart (kept on their
    /// account for the next sign-in), their orders and any checkout under way.
    mutating func forgetSession() {
        session = nil
        checkout.phase = .idle
        orders = OrdersState()
        if cart.id == StoreAPIPaths.myCart { cart = CartState() }
    }

    /// `L`: signs out and goes home, clearing the forms that held the shopper's details.
    mutating func signOut() -> [Command] {
        guard let email = session?.user.email else { return [] }
        forgetSession()
        // A fresh checkout whose attempt keeps counting: an idempotency key is never sent twice by one run.
        let attempt = checkout.attempt
        checkout = CheckoutState()
        checkout.attempt = attempt + 1
        signIn = SignInState()
        history = []
        show("Signed out of \(email). Your cart is kept for your next sign-in.", .success)
        return navigate(to: .home)
    }
}
