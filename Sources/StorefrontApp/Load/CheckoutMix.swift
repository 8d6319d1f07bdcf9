import Foundation
import StoreCore
import StoreServices

/// `storefront load --mix checkout`: shoppers buying through the API alone,
/// no screen. Each signs up once before the run's clock starts (the run's
/// preparation, not what it measures), then every iteration puts one physical product into its
/// cart, creates an order from the cart with an Idempotency-Key and pays it
/// with a test card: the calls the client's checkout makes, without its
/// screens. Each paid order goes into `ledger`, whose pipelines are read after
/// the run (`EffectTimes`).
final class CheckoutMixShopper: LoadShopper {
    static let steps = ["put a line in the cart", "create the order", "pay with a test card"]

    let number: Int
    private let plan: LoadPlan
    private let recorder: LoadRecorder
    private let ledger: PaidOrderLedger
    private let cursor = StepCursor()
    private let api: MeasuredStoreAPI

    init(number: Int, plan: LoadPlan, recorder: LoadRecorder, ledger: PaidOrderLedger) {
        self.number = number
        self.plan = plan
        self.recorder = recorder
        self.ledger = ledger
        api = MeasuredStoreAPI(plan.makeClient(), recorder: recorder, cursor: cursor)
    }

    /// The account and product, from `prepare()`.
    private var token = ""
    private var productID = ""

    /// Signs up and picks the product, before the run's clock starts; false
    /// (the failure recorded) when it could not.
    func prepare() -> Bool {
        do {
            cursor.current = "sign up (once per shopper)"
            token = try ShopperAccount.signUp(shopper: number, run: plan.runID, api: api).token
            productID = try product()
            return true
        } catch {
            recorder.iterationFinished(failure: "a shopper could not prepare: \(MeasuredStoreAPI.describe(error))")
            return false
        }
    }

    func run() {
        recorder.shopperStarted()
        defer { recorder.shopperFinished() }
        var iteration = 1
        while plan.mayStart(iteration: iteration) {
            recorder.iterationFinished(failure: checkOut(productID, token: token))
            iteration += 1
        }
    }

    /// A physical product in stock, a different one for neighbouring shoppers
    /// so they do not all reserve the stock of one.
    private func product() throws -> String {
        let stocked = try api.products(ProductQuery(limit: 100)).items.filter { $0.kind == .physical && $0.stock > 0 }
        guard !stocked.isEmpty else { throw MixFailure.noProductInStock }
        return stocked[number % stocked.count].id
    }

    /// One checkout; the failure's reason, or nil when the order was paid.
    private func checkOut(_ productID: String, token: String) -> String? {
        var step = 0
        do {
            try timed(&step) {
                _ = try api.setQuantity(cartID: StoreAPIPaths.myCart, productID: productID, quantity: 1, token: token)
            }
            let order = try timed(&step) {
                try api.createOrder(CreateOrderRequest(cartId: StoreAPIPaths.myCart, deliveryAddress: DemoAccount.address),
                                    idempotencyKey: UUID().uuidString, token: token)
            }
            guard let intent = order.paymentIntent else { throw MixFailure.noPaymentIntent }
            let card = CardDetails(number: "4242424242424242", expMonth: 12,
                                   expYear: Calendar.current.component(.year, from: Date()) + 3, cvc: "918",
                                   name: DemoAccount.name)
            let result = try timed(&step) {
                try api.confirmPayment(intentID: intent.id, ConfirmPaymentRequest(clientSecret: intent.clientSecret, card: card),
                                       token: token, idempotencyKey: UUID().uuidString)
            }
            guard result.status == "succeeded" else { throw MixFailure.notPaid(result.status) }
            ledger.add(orderID: order.id, token: token)
            return nil
        } catch {
            return "\(Self.steps[min(step, Self.steps.count - 1)]): \(MeasuredStoreAPI.describe(error))"
        }
    }

    /// Runs step number `step` of `steps`, recording its time, and moves on to the next.
    private func timed<T>(_ step: inout Int, _ body: () throws -> T) throws -> T {
        let key = LoadRecorder.StepKey(script: 0, position: step, name: Self.steps[step])
        cursor.current = key.name
        let began = DispatchTime.now().uptimeNanoseconds
        do {
            let answer = try body()
            recorder.recordStep(key, seconds: Double(DispatchTime.now().uptimeNanoseconds - began) / 1e9, failed: false)
            step += 1
            return answer
        } catch {
            recorder.recordStep(key, seconds: Double(DispatchTime.now().uptimeNanoseconds - began) / 1e9, failed: true)
            throw error
        }
    }

    enum MixFailure: Error, CustomStringConvertible {
        case noProductInStock, noPaymentIntent, notPaid(String)
        var description: String {
            switch self {
            case .noProductInStock: return "no physical product in stock"
            case .noPaymentIntent: return "the order has no payment intent"
            case .notPaid(let status): return "payment \(status)"
            }
        }
    }
}

/// The orders paid in a run, with a token that may read each one's pipeline.
final class PaidOrderLedger: @unchecked Sendable {
    struct Entry { var orderID: String; var token: String }
    private let lock = NSLock()
    private var entries: [Entry] = []

    func add(orderID: String, token: String) {
        lock.lock(); entries.append(Entry(orderID: orderID, token: token)); lock.unlock()
    }

    var all: [Entry] { lock.lock(); defer { lock.unlock() }; return entries }
}
