/// The store's HTTP API as the client sees it. Calls block and throw `APIError`;
/// the application runs them off the UI thread and turns results into messages.
/// `token` is a bearer token from `signIn`/`signUp`; `cartID` is an anonymous
/// cart's id, or `StoreAPIPaths.myCart` for the signed-in user's own cart.
public protocol StoreAPI: AnyObject, Sendable {
    // product
    func categories() throws -> [Category]
    func products(_ query: ProductQuery) throws -> ProductPage
    func product(id: String) throws -> Product

    // cart
    func createCart() throws -> Cart
    func cart(id cartID: String, token: String?) throws -> Cart
    /// Sets a line's quantity absolutely (0 removes), so a retry is harmless.
    func setQuantity(cartID: String, productID: String, quantity: Int, token: String?) throws -> Cart
    func removeLine(cartID: String, productID: String, token: String?) throws -> Cart
    func emptyCart(cartID: String, token: String?) throws -> Cart
    /// Merges an anonymous cart into the signed-in user's cart and returns the user's cart.
    func mergeCart(anonymousCartID: String, token: String) throws -> Cart

    // user
    func signUp(_ request: SignUpRequest) throws -> Session
    func signIn(_ request: SignInRequest) throws -> Session
    func me(token: String) throws -> User

    // order
    func createOrder(_ request: CreateOrderRequest, idempotencyKey: String, token: String) throws -> Order
    func orders(token: String) throws -> [Order]
    func order(id: String, token: String) throws -> Order
    func cancelOrder(id: String, token: String) throws -> Order
    /// The OrderPurchased steps of the caller's order done so far.
    func orderPipeline(id: String, token: String) throws -> OrderPipeline

    // payment
    /// The bearer token must belong to the order's owner. `idempotencyKey` names the
    /// payment attempt: a retry with the same key gets the first answer again, never a second charge.
    func confirmPayment(intentID: String, _ request: ConfirmPaymentRequest, token: String,
                        idempotencyKey: String) throws -> PaymentResult
}

public enum StoreAPIPaths {
    /// The cart id that names the signed-in user's own cart.
    public static let myCart = "mine"
}
