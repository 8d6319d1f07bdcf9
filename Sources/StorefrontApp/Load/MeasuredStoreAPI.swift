import Foundation
import StoreCore
import StoreWire

/// One shopper's store API: every call goes to the real client and is timed,
/// counted against the step the shopper is in when the call starts, and an
/// approved payment is counted as a completed checkout.
final class MeasuredStoreAPI: StoreAPI, @unchecked Sendable {
    private let api: StoreAPI
    private let recorder: LoadRecorder
    private let cursor: StepCursor

    init(_ api: StoreAPI, recorder: LoadRecorder, cursor: StepCursor) {
        self.api = api
        self.recorder = recorder
        self.cursor = cursor
    }

    private func measure<T>(_ endpoint: String, _ call: () throws -> T) rethrows -> T {
        let step = cursor.current
        let began = DispatchTime.now().uptimeNanoseconds
        func record(_ error: Error?) {
            let seconds = Double(DispatchTime.now().uptimeNanoseconds - began) / 1e9
            recorder.recordCall(endpoint, step: step, seconds: seconds, error: error.map(Self.describe))
        }
        do {
            let answer = try call()
            record(nil)
            return answer
        } catch {
            record(error)
            throw error
        }
    }

    /// A failed call in a few words: the status and code the store answered, or what kept it from answering.
    static func describe(_ error: Error) -> String {
        guard let error = error as? APIError else { return "\(error)" }
        if case .service(let status, let body) = error { return "\(status) \(body.code)" }
        return error.connectivitySummary ?? error.userMessage
    }

    func categories() throws -> [StoreWire.Category] { try measure(EndpointKind.categories) { try api.categories() } }
    func products(_ query: ProductQuery) throws -> ProductPage {
        try measure(EndpointKind.products) { try api.products(query) }
    }
    func product(id: String) throws -> Product { try measure(EndpointKind.product) { try api.product(id: id) } }

    func createCart() throws -> Cart { try measure(EndpointKind.createCart) { try api.createCart() } }
    func cart(id cartID: String, token: String?) throws -> Cart {
        try measure(EndpointKind.cart) { try api.cart(id: cartID, token: token) }
    }
    func setQuantity(cartID: String, productID: String, quantity: Int, token: String?) throws -> Cart {
        try measure(EndpointKind.setQuantity) {
            try api.setQuantity(cartID: cartID, productID: productID, quantity: quantity, token: token)
        }
    }
    func removeLine(cartID: String, productID: String, token: String?) throws -> Cart {
        try measure(EndpointKind.removeLine) { try api.removeLine(cartID: cartID, productID: productID, token: token) }
    }
    func emptyCart(cartID: String, token: String?) throws -> Cart {
        try measure(EndpointKind.emptyCart) { try api.emptyCart(cartID: cartID, token: token) }
    }
    func mergeCart(anonymousCartID: String, token: String) throws -> Cart {
        try measure(EndpointKind.mergeCart) { try api.mergeCart(anonymousCartID: anonymousCartID, token: token) }
    }

    func signUp(_ request: SignUpRequest) throws -> Session { try measure(EndpointKind.signUp) { try api.signUp(request) } }
    func signIn(_ request: SignInRequest) throws -> Session { try measure(EndpointKind.signIn) { try api.signIn(request) } }
    func me(token: String) throws -> User { try measure(EndpointKind.me) { try api.me(token: token) } }

    func createOrder(_ request: CreateOrderRequest, idempotencyKey: String, token: String) throws -> Order {
        try measure(EndpointKind.createOrder) {
            try api.createOrder(request, idempotencyKey: idempotencyKey, token: token)
        }
    }
    func orders(token: String) throws -> [Order] { try measure(EndpointKind.orders) { try api.orders(token: token) } }
    func order(id: String, token: String) throws -> Order {
        try measure(EndpointKind.order) { try api.order(id: id, token: token) }
    }
    func cancelOrder(id: String, token: String) throws -> Order {
        try measure(EndpointKind.cancelOrder) { try api.cancelOrder(id: id, token: token) }
    }
    func orderPipeline(id: String, token: String) throws -> OrderPipeline {
        try measure(EndpointKind.orderPipeline) { try api.orderPipeline(id: id, token: token) }
    }

    func confirmPayment(intentID: String, _ request: ConfirmPaymentRequest, token: String,
                        idempotencyKey: String) throws -> PaymentResult {
        let result = try measure(EndpointKind.confirmPayment) {
            try api.confirmPayment(intentID: intentID, request, token: token, idempotencyKey: idempotencyKey)
        }
        // The order is paid from here: the UI says "Order … confirmed" on this answer.
        if result.status == "succeeded" { recorder.checkoutCompleted(orderID: result.orderId) }
        return result
    }
}

/// The step a shopper is in, read by request threads when a call starts.
final class StepCursor: @unchecked Sendable {
    private let lock = NSLock()
    private var step = ""

    var current: String {
        get { lock.lock(); defer { lock.unlock() }; return step }
        set { lock.lock(); step = newValue; lock.unlock() }
    }
}
