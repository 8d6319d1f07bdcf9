/// Placing the order: create it (with the attempt's idempotency key), then
/// authorise the payment. While a request is in flight nothing repeats it.
enum PlacingScreen {
    static func place(_ state: inout AppState) -> [Command] {
        guard state.checkout.phase == .idle, let token = state.token else { return [] }
        state.checkout.card.form.visitAll()
        let errors = state.checkout.card.errors(now: state.now)
        guard errors.isEmpty, let card = state.checkout.card.details(now: state.now) else {
            state.checkout.card.form.focusFirstError(among: errors)
            return []
        }
        let physical = state.cart.cart?.hasPhysicalItems ?? false
        let body = CreateOrderRequest(cartId: StoreAPIPaths.myCart,
                                      deliveryAddress: physical ? state.checkout.deliveryAddress : nil)
        // Same cart and address as the order awaiting payment: pay that order again.
        if !state.checkout.isCurrent(for: body, cart: state.cart.cart) { state.checkout.newAttempt() }
        state.notice = nil
        state.network.failed.removeAll { $0.request.isCheckout }
        if state.screen != .placing { _ = state.navigate(to: .placing) }
        if let order = state.checkout.order, let intent = order.paymentIntent {
            return [confirm(intent, card, token, &state)]
        }
        state.checkout.phase = .creatingOrder
        state.checkout.sentBody = body
        return [state.send(.createOrder(body, idempotencyKey: CheckoutFlow.orderIdempotencyKey(state), token: token))]
    }

    private static func confirm(_ intent: PaymentIntent, _ card: CardDetails, _ token: String,
                                _ state: inout AppState) -> Command {
        state.checkout.phase = .authorising
        state.checkout.beginPayment(with: card)
        return state.send(.confirmPayment(intentID: intent.id,
                                          ConfirmPaymentRequest(clientSecret: intent.clientSecret, card: card),
                                          token: token, idempotencyKey: CheckoutFlow.paymentIdempotencyKey(state)))
    }

    /// The requests of placing the order: creating it, paying it, and looking at
    /// it again after the payment service said its payment is already under way.
    static func isPlacing(_ request: APIRequest, _ state: AppState) -> Bool {
        if request.isCheckout { return true }
        guard case .order(let id, _) = request, state.checkout.phase == .checkingOrder else { return false }
        return id == state.checkout.order?.id
    }

    static func handle(_ action: Action, _ state: inout AppState) -> [Command]? {
        let placing = state
        let inFlight = state.isInFlight { isPlacing($0, placing) }
        switch action {
        case .back:
            guard !inFlight else { return [] }
            state.checkout.phase = .idle
            state.network.failed.removeAll { isPlacing($0.request, placing) }
            state.replaceScreen(with: .card)
            return []
        case .help, .quit, .forceQuit, .retry:
            return nil
        default:
            // Leaving or repeating is not possible while the order is being placed.
            return []
        }
    }

    static func received(_ request: APIRequest, _ result: Result<APIResponse, APIError>,
                         _ state: inout AppState) -> [Command] {
        if case .failure(let error) = result, error.isConnectivity { return [] }
        switch (request, result) {
        case (.createOrder, .success(.order(let order))):
            state.checkout.order = order
            guard let intent = order.paymentIntent, let token = state.token,
                  let card = state.checkout.card.details(now: state.now) else {
                return failed("The order has no payment to authorise.", &state)
            }
            return [confirm(intent, card, token, &state)]
        case (.createOrder, .failure(let error)):
            state.checkout.newAttempt()
            state.checkout.phase = .idle
            state.screen = .cart
            state.history = [.home]
            state.show("Could not place the order: \(error.userMessage)", .error, seconds: 60)
            return CartUpdates.refetch(&state)
        case (.confirmPayment, .success(.payment)):
            return approved(&state)
        case (.confirmPayment, .failure(let error)):
            if case .service(let status, let serviceError) = error, status == 402 || serviceError.type == "card_error" {
                return declined(serviceError.message, &state)
            }
            if case .service(_, let serviceError) = error, let field = CardForm.field(forParam: serviceError.param) {
                state.checkout.phase = .idle
                state.checkout.card.form.errors[field] = serviceError.message
                state.checkout.card.form.focus(on: field)
                state.replaceScreen(with: .card)
                return []
            }
            if error.status == 409, error.code == "payment_intent_unexpected_state" {
                return alreadyBeingPaid(&state)
            }
            if error.status == 404 || error.status == 409 {
                // The order can no longer be paid (cancelled, changed or gone): the next try makes a new one.
                state.checkout.newAttempt()
            }
            return failed(error.userMessage, &state)
        case (.order, .success(.order(let order))):
            return checked(order, &state)
        case (.order, .failure):
            return failed(alreadyBeingPaidMessage, &state)
        default:
            return []
        }
    }

    static let alreadyBeingPaidMessage =
        "This payment is already being processed. Check your orders in a moment before paying again."

    /// Another confirm of this order's intent is under way or has ended (one that
    /// timed out here, say, or one from another window): the order says which.
    private static func alreadyBeingPaid(_ state: inout AppState) -> [Command] {
        guard let order = state.checkout.order, let token = state.token else {
            return failed(alreadyBeingPaidMessage, &state)
        }
        state.checkout.phase = .checkingOrder
        return [state.send(.order(id: order.id, token: token))]
    }

    /// The order as it stands after its payment was found already under way.
    private static func checked(_ order: Order, _ state: inout AppState) -> [Command] {
        state.checkout.order = order
        switch order.status {
        case .paid, .fulfilled:
            return approved(&state)
        case .cancelled:
            state.checkout.newAttempt()
            return failed("This order was cancelled. Place the order again to pay.", &state)
        case .expired:
            state.checkout.newAttempt()
            return failed("This order was not paid in time and has expired. Place the order again to pay.", &state)
        case .pendingPayment:
            return failed(alreadyBeingPaidMessage, &state)
        }
    }

    private static func approved(_ state: inout AppState) -> [Command] {
        let number = state.checkout.order?.number ?? "—"
        let email = state.checkout.order?.email ?? state.session?.user.email ?? "you"
        state.home.banner = Notice("Order \(number) confirmed — receipt sent to \(email)", kind: .success)
        finish(&state)
        state.checkout.newAttempt()
        state.screen = .home
        state.history = []
        state.orders.loaded = false
        state.cart.cart = nil
        // Home shows stock levels, which this order just changed.
        let reloadHome = state.enter(.home)
        guard let token = state.token else { return reloadHome }
        state.cart.id = StoreAPIPaths.myCart
        return reloadHome + [state.send(.emptyCart(cartID: StoreAPIPaths.myCart, token: token))]
    }

    private static func declined(_ reason: String, _ state: inout AppState) -> [Command] {
        finish(&state)
        // The next card is a new payment attempt with a key of its own.
        state.checkout.newPaymentAttempt()
        state.screen = .cart
        state.history = [.home]
        state.show("Payment unsuccessful: \(reason)", .error, seconds: 60)
        return CartUpdates.refetch(&state)
    }

    private static func failed(_ message: String, _ state: inout AppState) -> [Command] {
        state.checkout.phase = .idle
        state.replaceScreen(with: .card)
        state.checkout.card.form.formError = message
        return []
    }

    /// Payment answered, either way: the card form is cleared. The attempt (and
    /// its order) stays after a decline, so the next card pays the same order.
    private static func finish(_ state: inout AppState) {
        let placing = state
        state.checkout.card.clear()
        state.checkout.phase = .idle
        state.network.failed.removeAll { isPlacing($0.request, placing) }
    }
}

extension APIRequest {
    /// The two calls of placing an order.
    var isCheckout: Bool {
        switch self {
        case .createOrder, .confirmPayment: return true
        default: return false
        }
    }
}
