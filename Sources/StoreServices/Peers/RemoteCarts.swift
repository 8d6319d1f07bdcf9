import Foundation
import StoreWire

/// The cart service in another process, as the order service uses it: through
/// its signed internal routes. Both calls may be retried: a lookup only reads,
/// and a removal is keyed by its event. A cart service that cannot be reached
/// is 503 `peer_unavailable`.
public final class RemoteCarts: CartAccess, @unchecked Sendable {
    let peer: PeerCaller
    let signature: PeerSignature

    public init(peer: PeerCaller, signature: PeerSignature) {
        self.peer = peer
        self.signature = signature
    }

    public func items(of owner: CartOwner) throws -> [CartItem]? {
        let (cartID, userID) = Self.names(owner)
        let response = try call(CartInternalRoutes.lookupPath, CartLookup(cartId: cartID, userId: userID))
        switch response.status {
        case 200:
            return try PeerCalls.decode(CartLines.self, from: response, service: .cart).items
                .map { CartItem(productId: $0.productId, quantity: $0.quantity) }
        case 404 where PeerCalls.envelope(of: response)?.code == "cart_not_found": return nil
        default: throw PeerCalls.unavailable(.cart)
        }
    }

    public func removeOrdered(_ items: [CartItem], from owner: CartOwner, cartReadAt: Double?, once key: String) throws {
        let (cartID, userID) = Self.names(owner)
        let removal = OrderedLinesRemoval(cartId: cartID, userId: userID, key: key,
                                          items: items.map { PeerCartLine(productId: $0.productId, quantity: $0.quantity) },
                                          cartReadAt: cartReadAt)
        guard try call(CartInternalRoutes.removalsPath, removal).status == 204 else { throw PeerCalls.unavailable(.cart) }
    }

    private func call<Body: Encodable>(_ path: String, _ body: Body) throws -> HTTPResponse {
        let request = HTTPRequest(method: "POST", path: path, headers: ["Content-Type": "application/json"],
                                  body: try JSONBody.encode(body))
        return try peer.send(signature.signed(request), idempotent: true)
    }

    /// The cart id and shopper the cart service's routes take (`mine` for a shopper's own cart).
    private static func names(_ owner: CartOwner) -> (cartID: String, userID: String) {
        switch owner {
        case .anonymous(let id): return (id, "")
        case .user(let user): return (StoreAPIPaths.myCart, user)
        }
    }
}
