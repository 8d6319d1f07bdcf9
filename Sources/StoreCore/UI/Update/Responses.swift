/// Answers from the store: bookkeeping common to all, then the screen that
/// asked for it decides what the answer means.
enum Responses {
    static func handle(_ request: APIRequest, _ result: Result<APIResponse, APIError>,
                       _ state: inout AppState) -> [Command] {
        // The panel's polls are not the shopper's: they touch neither the network state nor the screens.
        if request.isPipelinePoll { return Backstage.received(request, result, &state) }
        let placing = state.checkout.order
        var commands = respond(request, result, &state)
        if case .confirmPayment = request, case .success(.payment(let payment)) = result {
            let number = placing?.id == payment.orderId ? placing?.number : nil
            commands += Backstage.paid(orderID: payment.orderId, number: number, &state)
        }
        return commands
    }

    private static func respond(_ request: APIRequest, _ result: Result<APIResponse, APIError>,
                                _ state: inout AppState) -> [Command] {
        state.finished(request)
        // An answer to a signed-in call that comes after signing out belongs to nobody now.
        if request.isAuthenticated, state.session == nil { return [] }
        switch result {
        case .success:
            state.network.failed.removeAll { $0.request == request }
            state.network.unreachable = false
            state.network.lastFailure = nil
        case .failure(let error) where error.isConnectivity:
            // Sign-in forms say so themselves and are simply submitted again.
            if !request.isSignIn {
                state.remember(request, failedWith: error)
                state.network.unreachable = true
                state.network.lastFailure = error
                // The notice line falls back to the reason (see NoticeLine): a notice from before gives way.
                if state.notice?.kind != .error { state.notice = nil }
            }
        case .failure(let error):
            if error.status == 401, request.isAuthenticated { return sessionEnded(&state) }
            // A load the store could not answer now may work on a retry.
            if request.isLoad, (error.status ?? 500) >= 500 { state.remember(request, failedWith: error) }
        }
        switch request {
        case .categories, .products, .product:
            return CatalogueScreen.received(request, result, &state)
        case .createCart, .cart, .setQuantity, .removeLine, .emptyCart, .mergeCart:
            return CartUpdates.received(request, result, &state)
        case .signIn, .signUp, .me:
            return SignInScreen.received(request, result, &state)
        case .createOrder, .confirmPayment:
            return PlacingScreen.received(request, result, &state)
        case .order where PlacingScreen.isPlacing(request, state):
            return PlacingScreen.received(request, result, &state)
        case .orders, .order, .cancelOrder:
            return OrdersScreen.received(request, result, &state)
        case .orderPipeline:
            return []
        }
    }

    /// The token expired or was refused: sign in again.
    private static func sessionEnded(_ state: inout AppState) -> [Command] {
        state.forgetSession()
        state.signIn.then = .back
        state.show("Your session has ended — please sign in again", .error, seconds: 60)
        return state.navigate(to: .signIn)
    }
}

extension APIRequest {
    var isSignIn: Bool {
        switch self {
        case .signIn, .signUp: return true
        default: return false
        }
    }

    /// Calls that only read (or make an empty cart): always safe to send again.
    var isLoad: Bool {
        switch self {
        case .categories, .products, .product, .createCart, .cart, .orders, .order: return true
        default: return false
        }
    }

    /// Calls made with the user's bearer token.
    var isAuthenticated: Bool {
        switch self {
        case .cart(_, let token), .setQuantity(_, _, _, let token, _), .removeLine(_, _, let token, _),
             .emptyCart(_, let token):
            return token != nil
        case .mergeCart, .me, .createOrder, .orders, .order, .cancelOrder, .confirmPayment, .orderPipeline:
            return true
        default:
            return false
        }
    }
}
