/// Changing the cart: add, set a quantity absolutely, remove, and taking in
/// the server's answers (dropping any older than a newer edit of the same line).
enum CartUpdates {
    /// Adds `quantity` of a product: quantity 1, or +1 when already there.
    static func add(_ product: Product, quantity: Int = 1, _ state: inout AppState) -> [Command] {
        guard product.inStock else {
            state.show("‘\(product.name)’ is out of stock", .error)
            return []
        }
        state.cart.addedNames[product.id] = product.name
        if state.cart.id == nil, state.session != nil { state.cart.id = StoreAPIPaths.myCart }
        guard state.cart.id != nil, !state.cart.creating else {
            state.cart.waitingAdds.append(.init(productID: product.id, name: product.name, quantity: quantity))
            guard !state.cart.creating else { return [] }
            state.cart.creating = true
            return [state.send(.createCart)]
        }
        let wanted = min(Cart.maxQuantity, state.cart.quantity(of: product.id) + quantity)
        return setQuantity(product.id, wanted, &state)
    }

    /// Sets a line's quantity absolutely (0 removes): sent now, or queued
    /// behind the edit on its way (see `CartState.queuedEdits`).
    static func setQuantity(_ productID: String, _ quantity: Int, _ state: inout AppState) -> [Command] {
        change(productID, to: max(0, min(Cart.maxQuantity, quantity)), removing: false, &state)
    }

    static func remove(_ productID: String, _ state: inout AppState) -> [Command] {
        change(productID, to: 0, removing: true, &state)
    }

    private static func change(_ productID: String, to quantity: Int, removing: Bool, _ state: inout AppState) -> [Command] {
        guard state.cart.id != nil else { return [] }
        state.cart.pendingQuantity[productID] = quantity
        state.checkout.invalidateIfSent()
        if editInFlight(state) {
            if !state.cart.queuedEdits.contains(productID) { state.cart.queuedEdits.append(productID) }
            return []
        }
        return send(productID, removing: removing, &state)
    }

    /// Sends the line's pending quantity, with a new sequence number.
    private static func send(_ productID: String, removing: Bool, _ state: inout AppState) -> [Command] {
        guard let cartID = state.cart.id, let quantity = state.cart.pendingQuantity[productID] else { return [] }
        let sequence = nextSequence(for: productID, &state)
        if removing {
            return [state.send(.removeLine(cartID: cartID, productID: productID, token: state.token, sequence: sequence))]
        }
        return [state.send(.setQuantity(cartID: cartID, productID: productID, quantity: quantity,
                                        token: state.token, sequence: sequence))]
    }

    /// After an edit is answered: the next queued one, if any.
    private static func sendNextQueued(_ state: inout AppState) -> [Command] {
        guard !editInFlight(state), !state.cart.queuedEdits.isEmpty else { return [] }
        let productID = state.cart.queuedEdits.removeFirst()
        return send(productID, removing: false, &state)
    }

    private static func editInFlight(_ state: AppState) -> Bool {
        state.isInFlight { request in
            switch request {
            case .setQuantity, .removeLine, .emptyCart: return true
            default: return false
            }
        }
    }

    private static func nextSequence(for productID: String, _ state: inout AppState) -> Int {
        let sequence = state.cart.nextSequence
        state.cart.nextSequence += 1
        state.cart.latestSequence[productID] = sequence
        return sequence
    }

    /// Asks for the cart again (after an error, or to refresh totals).
    static func refetch(_ state: inout AppState) -> [Command] {
        guard let id = state.cart.id else { return [] }
        return [state.send(.cart(id: id, token: state.token))]
    }

    static func received(_ request: APIRequest, _ result: Result<APIResponse, APIError>,
                         _ state: inout AppState) -> [Command] {
        switch (request, result) {
        case (.createCart, .success(.cart(let cart))):
            state.cart.id = cart.id
            state.cart.cart = cart
            state.cart.creating = false
            let waiting = state.cart.waitingAdds
            state.cart.waitingAdds = []
            var totals: [String: Int] = [:]
            for add in waiting { totals[add.productID, default: 0] += add.quantity }
            return totals.keys.sorted().flatMap { id in
                setQuantity(id, state.cart.quantity(of: id) + (totals[id] ?? 0), &state)
            }
        case (.createCart, .failure(let error)):
            guard !error.isConnectivity else { return [] }
            state.cart.creating = false
            state.cart.waitingAdds = []
            state.show("Could not start a cart: \(error.userMessage)", .error)
            return []

        case (.setQuantity(_, let productID, _, _, let sequence), let result),
             (.removeLine(_, let productID, _, let sequence), let result):
            guard state.cart.latestSequence[productID] == sequence else { return sendNextQueued(&state) }
            return lineAnswered(productID, result, &state) + sendNextQueued(&state)

        case (.cart(let id, _), .success(.cart(let cart))), (.emptyCart(let id, _), .success(.cart(let cart))):
            guard id == state.cart.id else { return [] }
            apply(cart, &state)
            return SignInScreen.cartReady(&state)
        case (.mergeCart, .success(.cart(let cart))):
            state.cart.id = StoreAPIPaths.myCart
            state.cart.pendingQuantity = [:]
            apply(cart, &state)
            return SignInScreen.cartReady(&state)
        case (.mergeCart, .failure(let error)):
            guard !error.isConnectivity else { return [] }
            state.cart = CartState()
            state.cart.id = StoreAPIPaths.myCart
            state.show("Your cart could not be merged: \(error.userMessage)", .error)
            return refetch(&state)
        case (.cart(let id, _), .failure(let error)):
            // Only the cart shown: an anonymous cart's read that lost the race with
            // its merge into the shopper's (which removes it) says nothing of "mine".
            if error.status == 404, id == state.cart.id { state.cart = CartState() }
            return []
        default:
            return []
        }
    }

    private static func lineAnswered(_ productID: String, _ result: Result<APIResponse, APIError>,
                                     _ state: inout AppState) -> [Command] {
        switch result {
        case .success(.cart(let cart)):
            // A newer quantity for the line may wait in the queue; it stays shown.
            if !state.cart.queuedEdits.contains(productID) { state.cart.pendingQuantity[productID] = nil }
            apply(cart, &state)
            if let name = state.cart.addedNames.removeValue(forKey: productID) {
                state.show("Added ‘\(name)’ to cart", .success)
            }
            guard state.cart.checkoutWhenSettled, !state.cart.hasPendingEdits else { return [] }
            state.cart.checkoutWhenSettled = false
            return state.screen == .cart ? CheckoutFlow.begin(&state) : []
        case .failure(let error) where !error.isConnectivity:
            state.cart.checkoutWhenSettled = false
            state.cart.queuedEdits.removeAll { $0 == productID }
            state.cart.pendingQuantity[productID] = nil
            state.cart.addedNames[productID] = nil
            state.show(error.userMessage, .error)
            return refetch(&state)
        default:
            return []
        }
    }

    private static func apply(_ cart: Cart, _ state: inout AppState) {
        state.cart.cart = cart
        state.cart.selection = max(0, min(state.cart.selection, cart.lines.count - 1))
    }
}
