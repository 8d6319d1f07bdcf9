import Foundation
import StoreWire

/// The product service in another process, as the cart and order services use
/// it: products over its public routes, stock through its signed internal
/// reservation routes. A product service that cannot be reached is 503 `peer_unavailable`.
public final class RemoteCatalog: ProductCatalog, @unchecked Sendable {
    let peer: PeerCaller
    let signature: PeerSignature

    public init(peer: PeerCaller, signature: PeerSignature) {
        self.peer = peer
        self.signature = signature
    }

    public func product(id: String) throws -> Product? {
        let response = try peer.send(HTTPRequest(method: "GET", path: ServiceName.product.pathPrefix + "/products/" + id))
        switch response.status {
        case 200: return try PeerCalls.decode(Product.self, from: response, service: .product)
        case 404 where PeerCalls.envelope(of: response)?.code == "product_not_found": return nil
        default: throw PeerCalls.unavailable(.product)
        }
    }

    /// One call per product: a cart or an order holds a few lines, and the calls share kept-alive connections.
    public func products(ids: [String]) throws -> [String: Product] {
        var found: [String: Product] = [:]
        for id in Set(ids) {
            if let product = try product(id: id) { found[id] = product }
        }
        return found
    }

    public func reserveStock(forOrder orderID: String, _ quantities: [String: Int]) throws {
        let body = try JSONBody.encode(StockReservationRequest(quantities: quantities))
        let response = try peer.send(signature.signed(HTTPRequest(method: "PUT", path: reservationPath(orderID),
                                                                   headers: ["Content-Type": "application/json"],
                                                                   body: body)))
        if response.status == 204 { return }
        if response.status == 409, let refusal = try? JSONDecoder().decode(StockRefusal.self, from: response.body),
           let error = refusal.stockError(orderID: orderID) {
            throw error
        }
        throw PeerCalls.unavailable(.product)
    }

    public func releaseStock(ofOrder orderID: String) throws {
        let response = try peer.send(signature.signed(HTTPRequest(method: "DELETE", path: reservationPath(orderID))))
        guard response.status == 204 else { throw PeerCalls.unavailable(.product) }
    }

    private func reservationPath(_ orderID: String) -> String {
        ServiceName.product.pathPrefix + "/reservations/" + orderID
    }
}
