/// From a key to what it does: overlays first, then text typed into a focused
/// field, then the keymap (screen actions, then global ones).
enum KeyRouting {
    static func handle(_ key: Key, _ state: inout AppState) -> [Command] {
        if key == .control("c") { return [.quit] }
        if let overlay = state.overlay { return handleOverlay(overlay, key, &state) }
        if textInput(state), handleText(key, &state) { return [] }
        guard let action = state.keymap.action(for: key, on: state.screen) else { return [] }
        if let commands = screenHandles(action, &state) { return commands }
        return GlobalActions.handle(action, &state)
    }

    /// Screens where letters are text: forms, and the catalogue while searching.
    static func textInput(_ state: AppState) -> Bool {
        switch state.screen {
        case .signIn, .address, .card: return true
        case .catalogue: return state.catalogue.searching
        default: return false
        }
    }

    /// Types printable characters and Backspace into the focused field.
    private static func handleText(_ key: Key, _ state: inout AppState) -> Bool {
        switch key {
        case .character(let character):
            guard !character.isNewline, DisplayWidth.of(character) > 0 else { return false }
            editForm(&state) { $0.type(character) } card: { $0.type(character) }
            return true
        case .backspace:
            editForm(&state) { $0.backspace() } card: { $0.form.backspace() }
            return true
        case .delete:
            editForm(&state) { $0.deleteForward() } card: { $0.form.deleteForward() }
            return true
        case .left, .right, .home, .end:
            let move: FormState.CursorMove = key == .left ? .left : key == .right ? .right : key == .home ? .start : .end
            editForm(&state) { $0.moveCursor(to: move) } card: { $0.form.moveCursor(to: move) }
            return true
        default:
            return false
        }
    }

    private static func editForm(_ state: inout AppState, _ edit: (inout FormState) -> Void,
                                 card: (inout CardForm) -> Void) {
        switch state.screen {
        case .signIn: edit(&state.signIn.form)
        case .address: edit(&state.checkout.address)
        case .card: card(&state.checkout.card)
        case .catalogue: edit(&state.catalogue.search)
        default: break
        }
    }

    private static func screenHandles(_ action: Action, _ state: inout AppState) -> [Command]? {
        switch state.screen {
        case .home: return HomeScreen.handle(action, &state)
        case .catalogue: return CatalogueScreen.handle(action, &state)
        case .product: return ProductScreen.handle(action, &state)
        case .cart: return CartScreen.handle(action, &state)
        case .signIn: return SignInScreen.handle(action, &state)
        case .address: return AddressScreen.handle(action, &state)
        case .review: return ReviewScreen.handle(action, &state)
        case .card: return CardScreen.handle(action, &state)
        case .placing: return PlacingScreen.handle(action, &state)
        case .orders: return OrdersScreen.handle(action, &state)
        case .orderDetail: return OrderDetailScreen.handle(action, &state)
        }
    }

    private static func handleOverlay(_ overlay: Overlay, _ key: Key, _ state: inout AppState) -> [Command] {
        switch overlay {
        case .help(let scroll):
            // The overlay clamps the scroll to what fits when it draws.
            let rows = state.keymap.helpEntries(for: state.screen).count + 2
            switch state.keymap.action(for: key, on: state.screen) {
            case .moveDown?: state.overlay = .help(scroll: min(rows, scroll + 1))
            case .moveUp?: state.overlay = .help(scroll: max(0, scroll - 1))
            case .pageDown?, .nextPage?: state.overlay = .help(scroll: min(rows, scroll + 10))
            case .pageUp?, .previousPage?: state.overlay = .help(scroll: max(0, scroll - 10))
            case .moveLast?: state.overlay = .help(scroll: rows)
            case .moveFirst?: state.overlay = .help(scroll: 0)
            case .quit?, .back?, .help?: state.overlay = nil
            default: if key == .enter { state.overlay = nil }
            }
            return []
        case .confirmQuit:
            return answer(key, &state) { _ in [.quit] }
        case .confirmSignOut:
            return answer(key, &state) { $0.signOut() }
        case .confirmCancel(let orderID, _):
            return answer(key, &state) { state in
                guard let token = state.token else { return [] }
                return [state.send(.cancelOrder(id: orderID, token: token))]
            }
        }
    }

    /// A yes/no question's answer: y closes it and does `yes`, n or Esc closes it, any other key is ignored.
    private static func answer(_ key: Key, _ state: inout AppState, yes: (inout AppState) -> [Command]) -> [Command] {
        if key == .character("y") || key == .character("Y") {
            state.overlay = nil
            return yes(&state)
        }
        if [.character("n"), .character("N"), .escape].contains(key) { state.overlay = nil }
        return []
    }
}
