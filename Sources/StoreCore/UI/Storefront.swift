/// The Elm-style program: one state value, an update from messages to new
/// state and commands, and a view into a cell grid.
public enum Storefront {
    public static func start(_ config: AppConfig) -> (AppState, [Command]) {
        (AppState(config: config), [])
    }

    public static func update(_ state: inout AppState, _ message: Message) -> [Command] {
        []
    }

    public static func view(_ state: AppState, size: Size) -> Grid {
        var grid = Grid(size: size)
        grid.write("storefront", column: 0, row: 0, role: .title)
        return grid
    }
}
