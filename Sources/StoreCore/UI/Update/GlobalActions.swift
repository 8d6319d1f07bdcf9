/// Actions that mean the same on every screen.
enum GlobalActions {
    static func handle(_ action: Action, _ state: inout AppState) -> [Command] {
        switch action {
        case .help:
            state.overlay = .help(scroll: 0)
        case .back:
            return state.goBack()
        case .quit:
            if state.isCheckingOut { state.overlay = .confirmQuit; return [] }
            return [.quit]
        case .forceQuit:
            return [.quit]
        case .goHome: return state.navigate(to: .home)
        case .goShop: return state.navigate(to: .catalogue)
        case .goCart: return state.navigate(to: .cart)
        case .goOrders: return OrdersScreen.open(&state)
        case .search:
            let commands = state.navigate(to: .catalogue)
            state.catalogue.searching = true
            return commands
        case .retry:
            return state.retryFailed()
        case .toggleBackstage:
            return Backstage.toggle(&state)
        case .signOut:
            guard state.session != nil else { return [] }
            if state.isCheckingOut { state.overlay = .confirmSignOut; return [] }
            return state.signOut()
        default:
            break
        }
        return []
    }
}
