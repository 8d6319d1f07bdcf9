import StoreWire

/// `/product/v1`: the catalogue over HTTP.
public final class ProductService: HTTPService, @unchecked Sendable {
    public let store: ProductStore
    /// Checks the internal reservation calls of the order service; nil refuses them all.
    let peerSignature: PeerSignature?

    public init(store: ProductStore, peerSignature: PeerSignature? = nil) {
        self.store = store
        self.peerSignature = peerSignature
    }

    public func register(on router: Router) {
        router.get("/product/v1/products", textLimits: ["q": TextLimits.searchQuery]) { [store] request in
            let query = try ProductQueryParser.parse(request.query, categoryID: { try store.categoryID(matching: $0) })
            return .json(encoded: try store.pageJSON(query))
        }
        router.get("/product/v1/products/:id") { [store] request in
            let id = try request.parameter("id")
            guard let product = try store.productJSON(id: id) else {
                throw HTTPError.notFound(code: "product_not_found", "There is no product with id '\(id)'.")
            }
            return .json(encoded: product)
        }
        router.get("/product/v1/categories") { [store] _ in
            try .json(store.categories())
        }
        registerReservations(on: router)
    }
}
