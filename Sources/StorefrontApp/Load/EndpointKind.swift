/// An HTTP call as a load report groups it: the method and the path template
/// of the API route, e.g. `GET /cart/v1/carts/{cartId}`, whatever the ids.
/// The templates are the contract's (`GET /openapi.json`).
enum EndpointKind {
    static let categories = "GET /product/v1/categories"
    static let products = "GET /product/v1/products"
    static let product = "GET /product/v1/products/{productId}"
    static let createCart = "POST /cart/v1/carts"
    static let cart = "GET /cart/v1/carts/{cartId}"
    static let setQuantity = "PUT /cart/v1/carts/{cartId}/items/{productId}"
    static let removeLine = "DELETE /cart/v1/carts/{cartId}/items/{productId}"
    static let emptyCart = "DELETE /cart/v1/carts/{cartId}/items"
    static let mergeCart = "POST /cart/v1/carts/mine/merge"
    static let signUp = "POST /user/v1/users"
    static let signIn = "POST /user/v1/sessions"
    static let me = "GET /user/v1/users/me"
    static let createOrder = "POST /order/v1/orders"
    static let orders = "GET /order/v1/orders"
    static let order = "GET /order/v1/orders/{orderId}"
    static let cancelOrder = "POST /order/v1/orders/{orderId}/cancel"
    static let orderPipeline = "GET /order/v1/orders/{orderId}/pipeline"
    static let confirmPayment = "POST /payment/v1/payment-intents/{intentId}/confirm"
}
