import StoreWire

/// `PUT /cart/v1/carts/{id}/items/{productId}`
struct SetQuantityBody: Decodable {
    var quantity: Int
}

/// `POST /cart/v1/carts/mine/merge`
struct MergeCartBody: Decodable, TextFieldsDeclaring {
    var cartId: String
    var textFields: [TextField] { [TextField("cartId", cartId, limit: TextLimits.identifier)] }
}
