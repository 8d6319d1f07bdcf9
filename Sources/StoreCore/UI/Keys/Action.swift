/// Named actions a key can trigger. Screens handle actions, never raw keys, so
/// the keymap, the help overlay and the footer all come from one table.
public enum Action: String, CaseIterable, Hashable, Sendable {
    case help
    case back
    case quit
    case forceQuit = "force-quit"
    case goHome = "go-home"
    case goShop = "go-shop"
    case goCart = "go-cart"
    case goOrders = "go-orders"
    case search
    case moveUp = "move-up"
    case moveDown = "move-down"
    case pageUp = "page-up"
    case pageDown = "page-down"
    case moveFirst = "move-first"
    case moveLast = "move-last"
    case previousTab = "previous-tab"
    case nextTab = "next-tab"
    case nextPage = "next-page"
    case previousPage = "previous-page"
    case open
    case checkout
    case confirm
    case placeOrder = "place-order"
    case add
    case increase
    case decrease
    case remove
    case nextField = "next-field"
    case previousField = "previous-field"
    case toggleSignUp = "toggle-sign-up"
    case cancelOrder = "cancel-order"
    case retry
    case signOut = "sign-out"
    case toggleBackstage = "toggle-backstage"
}
