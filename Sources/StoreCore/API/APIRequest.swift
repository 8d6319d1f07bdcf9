/// A call to the store described as a value, so the pure core can ask for it
/// as a command and recognise its answer when it comes back as a message.
public enum APIRequest: Hashable, Sendable {
    case categories
    case products(ProductQuery)
    case product(id: String)
    case createCart
    case cart(id: String, token: String?)
    /// `sequence` lets the core drop an answer older than a newer edit of the same line.
    case setQuantity(cartID: String, productID: String, quantity: Int, token: String?, sequence: Int)
    case removeLine(cartID: String, productID: String, token: String?, sequence: Int)
    case emptyCart(cartID: String, token: String?)
    case mergeCart(anonymousCartID: String, token: String)
    case signUp(SignUpRequest)
    case signIn(SignInRequest)
    case me(token: String)
    case createOrder(CreateOrderRequest, idempotencyKey: String, token: String)
    case orders(token: String)
    case order(id: String, token: String)
    case cancelOrder(id: String, token: String)
    case confirmPayment(intentID: String, ConfirmPaymentRequest, token: String, idempotencyKey: String)
    /// `poll` counts the polls of one order, so each is a request of its own.
    case orderPipeline(id: String, token: String, poll: Int)
}

public enum APIResponse: Hashable, Sendable {
    case categories([Category])
    case products(ProductPage)
    case product(Product)
    case cart(Cart)
    case session(Session)
    case user(User)
    case order(Order)
    case orders([Order])
    case payment(PaymentResult)
    case pipeline(OrderPipeline)
}

extension APIRequest {
    /// Performs the call. Blocks; the application runs it off the UI thread.
    public func perform(on api: StoreAPI) throws -> APIResponse {
        switch self {
        case .categories: return .categories(try api.categories())
        case .products(let query): return .products(try api.products(query))
        case .product(let id): return .product(try api.product(id: id))
        case .createCart: return .cart(try api.createCart())
        case .cart(let id, let token): return .cart(try api.cart(id: id, token: token))
        case .setQuantity(let cartID, let productID, let quantity, let token, _):
            return .cart(try api.setQuantity(cartID: cartID, productID: productID, quantity: quantity, token: token))
        case .removeLine(let cartID, let productID, let token, _):
            return .cart(try api.removeLine(cartID: cartID, productID: productID, token: token))
        case .emptyCart(let cartID, let token): return .cart(try api.emptyCart(cartID: cartID, token: token))
        case .mergeCart(let anonymousCartID, let token):
            return .cart(try api.mergeCart(anonymousCartID: anonymousCartID, token: token))
        case .signUp(let request): return .session(try api.signUp(request))
        case .signIn(let request): return .session(try api.signIn(request))
        case .me(let token): return .user(try api.me(token: token))
        case .createOrder(let request, let key, let token):
            return .order(try api.createOrder(request, idempotencyKey: key, token: token))
        case .orders(let token): return .orders(try api.orders(token: token))
        case .order(let id, let token): return .order(try api.order(id: id, token: token))
        case .cancelOrder(let id, let token): return .order(try api.cancelOrder(id: id, token: token))
        case .confirmPayment(let intentID, let request, let token, let key):
            return .payment(try api.confirmPayment(intentID: intentID, request, token: token, idempotencyKey: key))
        case .orderPipeline(let id, let token, _):
            return .pipeline(try api.orderPipeline(id: id, token: token))
        }
    }
}
