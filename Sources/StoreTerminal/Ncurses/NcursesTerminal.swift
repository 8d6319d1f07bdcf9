import CNcursesw
import CursesShim
import Foundation
import StoreCore

/// The real terminal, through ncurses with wide-character support. Draws grids
/// (only the cells that changed since the last frame) and reads keys and resizes.
/// Use from one thread: the UI loop's.
public final class NcursesTerminal: TerminalBackend {
    public private(set) var colorMode: ColorMode
    /// The theme as drawn: the requested one adapted to `colorMode`.
    public private(set) var theme: Theme
    private var styles: CursesStyles
    private var previous: Grid?
    private var cursorVisible: Int32 = -1
    private var active = true

    /// True when stdin and stdout are both a terminal. The app checks this first
    /// and, when false, says so and exits with status 1.
    public static var isRunningOnTerminal: Bool {
        isatty(STDIN_FILENO) == 1 && isatty(STDOUT_FILENO) == 1
    }

    /// Takes over the terminal (alternate screen, raw keys). Throws when there is no
    /// terminal or curses cannot start; the terminal is untouched then.
    public init(theme: Theme, environment: [String: String] = ProcessInfo.processInfo.environment) throws {
        guard Self.isRunningOnTerminal else { throw TerminalError.notATerminal }
        TerminalLocale.adopt(environment: environment)
        // newterm, unlike initscr, reports an unusable TERM instead of exiting.
        guard let screen = newterm(nil, stdout, stdin) else {
            throw TerminalError.cannotStart("unknown terminal type \"\(environment["TERM"] ?? "")\" (check TERM)")
        }
        set_term(screen)
        TerminalRestore.install()
        TerminalRestore.cursesActive = 1
        raw()
        noecho()
        nonl()
        keypad(stdscr, true)
        set_escdelay(25)
        leaveok(stdscr, false)

        // COLORS is known only once start_color has run.
        let wantsColor = ColorMode.choose(environment: environment, hasColors: has_colors(), colors: 256) != .none
        var defaultColorsAllowed = false
        if wantsColor && start_color() == OK {
            defaultColorsAllowed = use_default_colors() == OK
            colorMode = ColorMode.choose(environment: environment, hasColors: true, colors: Int(COLORS))
        } else {
            colorMode = .none
        }
        self.theme = colorMode.adapt(theme)
        styles = CursesStyles(theme: self.theme, colors: colorMode != .none, defaultColorsAllowed: defaultColorsAllowed)
        setCursor(visible: false)
    }

    deinit { shutdown() }

    public var size: Size {
        Size(columns: Int(sf_screen_cols()), rows: Int(sf_screen_rows()))
    }

    public func render(_ grid: Grid) {
        guard active else { return }
        let last = previous.flatMap { $0.size == grid.size ? $0 : nil }
        if last == nil { werase(stdscr) }
        let columns = min(grid.size.columns, size.columns)
        let rows = min(grid.size.rows, size.rows)
        // The cells are compared in place, row by row: most of a frame is the frame before.
        grid.cells.withUnsafeBufferPointer { cells in
            (last?.cells ?? []).withUnsafeBufferPointer { lastCells in
                let width = grid.size.columns
                for row in 0..<rows {
                    let start = row * width
                    if !lastCells.isEmpty, Self.same(cells, lastCells, start, count: width) { continue }
                    for column in 0..<columns {
                        let index = start + column
                        if cells[index].isContinuation { continue }
                        // Unchanged, unless it is a wide character whose second column changed.
                        if !lastCells.isEmpty, Self.same(cells, lastCells, index),
                           !(column + 1 < width && !Self.same(cells, lastCells, index + 1)
                             && DisplayWidth.of(cells[index].text) == 2) {
                            continue
                        }
                        draw(cells[index], column: column, row: row, fits: column + DisplayWidth.of(cells[index].text) <= columns)
                    }
                }
            }
        }
        if let cursor = grid.cursor, grid.contains(column: cursor.column, row: cursor.row) {
            setCursor(visible: true)
            wmove(stdscr, Int32(cursor.row), Int32(cursor.column))
        } else {
            setCursor(visible: false)
        }
        wrefresh(stdscr)
        previous = grid
    }

    public func readEvent(timeoutMilliseconds: Int) -> InputEvent? {
        guard active else { return nil }
        wtimeout(stdscr, Int32(max(0, timeoutMilliseconds)))
        var code: wint_t = 0
        switch wget_wch(stdscr, &code) {
        case OK:
            return KeyDecoder.character(UInt32(code)).map(InputEvent.key)
        case KEY_CODE_YES:
            if Int32(code) == KEY_RESIZE {
                // Everything is redrawn on the next frame, whatever curses kept.
                previous = nil
                return .resize(size)
            }
            return KeyDecoder.functionKey(Int32(code)).map(InputEvent.key)
        default:
            if Self.terminalHungUp() {
                // The window was closed: end as a terminal program does on SIGHUP.
                raise(SIGHUP)
            }
            return nil
        }
    }

    /// True when the terminal behind stdin has gone (its window closed): the kernel
    /// does not always send SIGHUP to a program started by a shell that died first.
    private static func terminalHungUp() -> Bool {
        var descriptor = pollfd(fd: STDIN_FILENO, events: Int16(POLLIN), revents: 0)
        guard poll(&descriptor, 1, 0) > 0 else { return false }
        return descriptor.revents & Int16(POLLHUP | POLLERR | POLLNVAL) != 0
    }

    public func shutdown() {
        guard active else { return }
        active = false
        curs_set(1)
        TerminalRestore.restore()
    }

    /// Whether `count` cells from `index` are the same in both frames. Identical
    /// bits are the same cell, and comparing bits needs no call per cell; cells
    /// whose bits differ (a row's padding, a character stored another way) are
    /// compared as cells.
    private static func same(_ cells: UnsafeBufferPointer<Cell>, _ lastCells: UnsafeBufferPointer<Cell>,
                             _ index: Int, count: Int = 1) -> Bool {
        guard let now = cells.baseAddress, let then = lastCells.baseAddress else { return false }
        let bytes = count == 1 ? MemoryLayout<Cell>.size : count * MemoryLayout<Cell>.stride
        if memcmp(now + index, then + index, bytes) == 0 { return true }
        return count == 1 && cells[index] == lastCells[index]
    }

    private func draw(_ cell: Cell, column: Int, row: Int, fits: Bool) {
        let style = styles[cell.role]
        // A wide character cut by the right edge is shown as a space.
        let text: Character = fits ? cell.text : " "
        // Up to five code points and the terminating zero, without a heap allocation per cell.
        var characters: (wchar_t, wchar_t, wchar_t, wchar_t, wchar_t, wchar_t) = (0, 0, 0, 0, 0, 0)
        if let ascii = text.asciiValue, text.utf8.count == 1 {
            characters.0 = wchar_t(ascii)
        } else {
            withUnsafeMutableBytes(of: &characters) { buffer in
                let slots = buffer.bindMemory(to: wchar_t.self)
                for (index, scalar) in text.unicodeScalars.prefix(slots.count - 1).enumerated() {
                    slots[index] = wchar_t(bitPattern: scalar.value)
                }
            }
        }
        var drawable = cchar_t()
        withUnsafePointer(to: &characters) { tuple in
            tuple.withMemoryRebound(to: wchar_t.self, capacity: 6) { pointer in
                _ = setcchar(&drawable, pointer, style.attributes, style.pair, nil)
            }
        }
        mvwadd_wch(stdscr, Int32(row), Int32(column), &drawable)
    }

    private func setCursor(visible: Bool) {
        let wanted: Int32 = visible ? 1 : 0
        guard wanted != cursorVisible else { return }
        cursorVisible = wanted
        curs_set(wanted)
    }
}
