/// The Elm-style program: one state value, an update from messages to new
/// state and commands, and a view into a cell grid.
public enum Storefront {
    /// The smallest terminal the screens are laid out for.
    public static let minimumSize = Size(columns: 50, rows: 15)

    public static func start(_ config: AppConfig) -> (AppState, [Command]) {
        start(config, keymap: .standard)
    }

    /// Starts with the key bindings of the config file applied (see `Keymap.parse`).
    public static func start(_ config: AppConfig, keymap: Keymap) -> (AppState, [Command]) {
        var state = AppState(config: config, keymap: keymap)
        let commands = state.enter(.home)
        return (state, commands)
    }

    public static func update(_ state: inout AppState, _ message: Message) -> [Command] {
        switch message {
        case .tick(let date):
            state.now = date
            if let expires = state.notice?.expires, expires <= date { state.notice = nil }
            return []
        case .input(.resize(let size)):
            state.terminalSize = size
            return []
        case .exchange(let call):
            Backstage.record(call, &state)
            return []
        case .input(.key(let key)):
            return KeyRouting.handle(key, &state)
        case .response(let request, let result):
            return Responses.handle(request, result, &state)
        }
    }

    public static func view(_ state: AppState, size: Size) -> Grid {
        var grid = Grid(size: size)
        guard size.columns >= minimumSize.columns, size.rows >= minimumSize.rows else {
            TooSmall.draw(&grid, needed: minimumSize)
            return grid
        }
        TitleBar.draw(&grid, state)
        let (body, panel) = BackstagePanel.layout(state, body: Rect(x: 0, y: 1, width: size.columns, height: size.rows - 4))
        switch state.screen {
        case .home: HomeScreen.view(state, &grid, body)
        case .catalogue: CatalogueScreen.view(state, &grid, body)
        case .product: ProductScreen.view(state, &grid, body)
        case .cart: CartScreen.view(state, &grid, body)
        case .signIn: SignInScreen.view(state, &grid, body)
        case .address: AddressScreen.view(state, &grid, body)
        case .review: ReviewScreen.view(state, &grid, body)
        case .card: CardScreen.view(state, &grid, body)
        case .placing: PlacingScreen.view(state, &grid, body)
        case .orders: OrdersScreen.view(state, &grid, body)
        case .orderDetail: OrderDetailScreen.view(state, &grid, body)
        }
        if let panel { BackstagePanel.draw(state, &grid, panel) }
        NoticeLine.draw(&grid, state, row: size.rows - 3)
        StatusLine.draw(&grid, state, row: size.rows - 2)
        Footer.draw(&grid, state, row: size.rows - 1)
        switch state.overlay {
        case .help(let scroll): HelpOverlay.draw(&grid, state, body, scroll: scroll)
        case .confirmQuit: ConfirmOverlay.draw(&grid, body, question: "Leave checkout and quit?")
        case .confirmSignOut: ConfirmOverlay.draw(&grid, body, question: "Leave checkout and sign out?")
        case .confirmCancel(_, let number): ConfirmOverlay.draw(&grid, body, question: "Cancel order \(number)?")
        case nil: break
        }
        return grid
    }
}
