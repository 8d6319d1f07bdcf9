import Foundation
import StoreWire

/// `/product/v1/reservations/{orderId}`: the order service reserving and
/// releasing stock when the product service runs in another process. Internal
/// and signed (`PeerSignature`); both calls are idempotent by order, so the
/// caller may retry them.
extension ProductService {
    static let reservationsPath = "/product/v1/reservations/:orderId"

    func registerReservations(on router: Router) {
        router.put(Self.reservationsPath) { [self] request in
            try checkSignature(request)
            let body = try request.decode(StockReservationRequest.self)
            do {
                try store.reserveStock(forOrder: try request.parameter("orderId"), body.quantities)
            } catch let error as StockError {
                return StockRefusal.response(for: error)
            }
            return .noContent
        }
        router.delete(Self.reservationsPath) { [self] request in
            try checkSignature(request)
            try store.releaseStock(ofOrder: try request.parameter("orderId"))
            return .noContent
        }
    }

    private func checkSignature(_ request: HTTPRequest) throws {
        guard let peerSignature else {
            throw HTTPError.unauthorized(code: "invalid_signature", "The call's signature is missing or not valid.")
        }
        try peerSignature.check(request)
    }
}

/// The body of a reservation: units per product id.
struct StockReservationRequest: Codable, Sendable {
    var quantities: [String: Int]
}

/// A reservation refused, as sent over HTTP and read back into `StockError`
/// by `RemoteCatalog`: the error envelope, plus the shortage when stock ran out.
struct StockRefusal: Codable, Sendable {
    struct Shortage: Codable, Sendable {
        var productId: String
        var name: String
        var available: Int
    }
    var error: ServiceError
    var shortage: Shortage?

    static let outOfStock = "out_of_stock"
    static let unknownProduct = "product_unavailable"
    static let released = "reservation_released"

    static func response(for error: StockError) -> HTTPResponse {
        let refusal: StockRefusal
        switch error {
        case .insufficient(let productID, let name, let available):
            refusal = StockRefusal(error: HTTPError.conflict(code: outOfStock, "Only \(available) of \(name) left in stock.",
                                                                     param: productID).error,
                                   shortage: Shortage(productId: productID, name: name, available: available))
        case .unknownProduct(let productID):
            refusal = StockRefusal(error: HTTPError.conflict(code: unknownProduct, "There is no product with id '\(productID)'.",
                                                                     param: productID).error)
        case .released(let orderID):
            refusal = StockRefusal(error: HTTPError.conflict(code: released,
                                                                     "The reservation of order '\(orderID)' was released.").error)
        }
        var response = HTTPResponse.error(HTTPError(status: 409, error: refusal.error))
        if let shortage = refusal.shortage, var object = (try? JSONSerialization.jsonObject(with: response.body)) as? [String: Any] {
            object["shortage"] = ["productId": shortage.productId, "name": shortage.name, "available": shortage.available]
            if let body = try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]) { response.body = body }
        }
        return response
    }

    /// The `StockError` a refusal stands for, or nil when the answer is another refusal.
    func stockError(orderID: String) -> StockError? {
        switch error.code {
        case Self.outOfStock:
            guard let shortage else { return nil }
            return .insufficient(productID: shortage.productId, name: shortage.name, available: shortage.available)
        case Self.unknownProduct: return .unknownProduct(error.param ?? "")
        case Self.released: return .released(orderID: orderID)
        default: return nil
        }
    }
}
