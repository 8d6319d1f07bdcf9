import StoreCore
import StoreTerminal

/// Plays a script on a real terminal (`--tty`, `--demo`): the app draws on the
/// terminal and on the script's virtual screen alike, and takes its keys from
/// the script. The terminal's own size rules; a resize of the window is
/// passed on, and Ctrl-C or q from the person watching ends the play.
final class ScriptedTerminal: TerminalBackend {
    private let screen: VirtualScreen
    private let terminal: TerminalBackend
    /// After a demo the person at the keyboard takes over.
    private(set) var handedOver = false

    init(screen: VirtualScreen, terminal: TerminalBackend) {
        self.screen = screen
        self.terminal = terminal
        screen.setSize(terminal.size)
    }

    var size: Size { terminal.size }

    func render(_ grid: Grid) {
        screen.render(grid)
        terminal.render(grid)
    }

    /// From now on keys come from the real keyboard.
    func handOver() { handedOver = true }

    func readEvent(timeoutMilliseconds: Int) -> InputEvent? {
        if handedOver { return terminal.readEvent(timeoutMilliseconds: timeoutMilliseconds) }
        switch terminal.readEvent(timeoutMilliseconds: 0) {
        case .resize(let size)?:
            screen.setSize(size)
            return .resize(size)
        case .key(.control("c"))?, .key(.character("q"))?:
            return .key(.control("c"))
        default:
            return screen.readEvent(timeoutMilliseconds: timeoutMilliseconds)
        }
    }

    func shutdown() { terminal.shutdown() }
}
