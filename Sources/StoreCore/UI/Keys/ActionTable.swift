/// The default key table. Lookup, the help overlay and the footer are all
/// generated from it, so the help can never disagree with the code.
public enum ActionTable {
    private static let browse: [ScreenID] = [.home, .catalogue, .orders]
    private static let forms: [ScreenID] = [.signIn, .address, .card]

    public static let defaults: [ActionSpec] = [
        // Screen actions first: they win over global ones bound to the same key.
        ActionSpec(.previousTab, [.left], "category", "Previous category tab",
                   scope: .screens([.catalogue]), footer: [.catalogue]),
        ActionSpec(.nextTab, [.right], "category", "Next category tab",
                   scope: .screens([.catalogue]), footer: [.catalogue]),
        ActionSpec(.nextPage, [.character("n"), .pageDown], "page", "Load the next page of results",
                   scope: .screens([.catalogue]), footer: [.catalogue]),
        ActionSpec(.previousPage, [.character("p"), .pageUp], "page", "Load the previous page of results",
                   scope: .screens([.catalogue]), footer: [.catalogue]),
        ActionSpec(.open, [.enter], "open", "Open the selected item",
                   scope: .screens(browse), footer: browse),
        ActionSpec(.checkout, [.enter], "checkout", "Go to checkout",
                   scope: .screens([.cart]), footer: [.cart]),
        ActionSpec(.confirm, [.enter], "continue", "Submit the form / go to the next step",
                   scope: .screens([.signIn, .address, .review]), footer: [.signIn, .address, .review]),
        ActionSpec(.placeOrder, [.enter], "place order", "Place the order and pay",
                   scope: .screens([.card]), footer: [.card]),
        ActionSpec(.add, [.character("a")], "add", "Add the selected product to the cart",
                   scope: .screens([.home, .catalogue, .product]), footer: [.home, .catalogue, .product]),
        ActionSpec(.increase, [.character("+"), .character("=")], "quantity", "Increase the quantity",
                   scope: .screens([.product, .cart]), footer: [.product, .cart]),
        ActionSpec(.decrease, [.character("-")], "quantity", "Decrease the quantity",
                   scope: .screens([.product, .cart]), footer: [.product, .cart]),
        ActionSpec(.remove, [.character("d"), .delete], "remove", "Remove the selected cart line",
                   scope: .screens([.cart]), footer: [.cart]),
        ActionSpec(.nextField, [.tab], "next field", "Next form field",
                   scope: .screens(forms), footer: forms),
        ActionSpec(.previousField, [.backTab], "prev field", "Previous form field",
                   scope: .screens(forms)),
        ActionSpec(.toggleSignUp, [.control("n")], "sign up/in", "Switch between sign in and sign up",
                   scope: .screens([.signIn]), footer: [.signIn]),
        ActionSpec(.cancelOrder, [.character("x")], "cancel order", "Cancel the order (when allowed)",
                   scope: .screens([.orderDetail]), footer: [.orderDetail]),

        // Global actions.
        ActionSpec(.help, [.character("?"), .function(1)], "help", "Show the keys of this screen",
                   footer: ScreenID.allCases),
        ActionSpec(.back, [.escape], "back", "Back / close / cancel",
                   footer: [.product, .cart, .signIn, .address, .review, .card, .orders, .orderDetail]),
        ActionSpec(.goHome, [.character("h")], "home", "Go to the home screen"),
        ActionSpec(.goShop, [.character("s")], "shop", "Go to the catalogue", footer: [.home]),
        ActionSpec(.goCart, [.character("c")], "cart", "Go to the cart", footer: [.home, .catalogue, .product]),
        ActionSpec(.goOrders, [.character("o")], "orders", "Go to your orders", footer: [.home]),
        ActionSpec(.search, [.character("/")], "search", "Search the catalogue", footer: [.catalogue]),
        ActionSpec(.moveUp, [.up, .character("k")], "up", "Move up"),
        ActionSpec(.moveDown, [.down, .character("j")], "down", "Move down"),
        ActionSpec(.pageUp, [.pageUp], "page up", "Move up a page"),
        ActionSpec(.pageDown, [.pageDown], "page down", "Move down a page"),
        ActionSpec(.moveFirst, [.home], "first", "Move to the first item"),
        ActionSpec(.moveLast, [.end], "last", "Move to the last item"),
        ActionSpec(.retry, [.character("r")], "retry", "Retry after the store could not be reached",
                   footer: ScreenID.allCases),
        ActionSpec(.quit, [.character("q")], "quit", "Quit (asks first during checkout)",
                   footer: [.home, .catalogue, .placing]),
        ActionSpec(.forceQuit, [.control("c")], "quit now", "Quit at once"),
    ]
}
