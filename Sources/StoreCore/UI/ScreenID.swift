/// The screens of the shop. Overlays (help, confirmations) sit on top of one.
public enum ScreenID: String, CaseIterable, Hashable, Sendable {
    case home, catalogue, product, cart, signIn, address, review, card, placing, orders, orderDetail

    /// The heading the screen is drawn under.
    public var title: String {
        switch self {
        case .home: return "Home"
        case .catalogue: return "Catalogue"
        case .product: return "Product"
        case .cart: return "Cart"
        case .signIn: return "Sign in"
        case .address: return "Delivery address"
        case .review: return "Review your order"
        case .card: return "Card details"
        case .placing: return "Placing order"
        case .orders: return "Orders"
        case .orderDetail: return "Order"
        }
    }

    /// Steps of a checkout; quitting from one asks first.
    public var isCheckoutStep: Bool {
        [.address, .review, .card, .placing].contains(self)
    }
}
