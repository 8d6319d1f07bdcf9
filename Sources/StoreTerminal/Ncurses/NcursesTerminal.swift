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
    /// The run of cells `render` hands to curses in one call, kept between frames.
    private var run: [cchar_t] = []
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
        let screen = size
        let columns = min(grid.size.columns, screen.columns)
        let rows = min(grid.size.rows, screen.rows)
        var end: (row: Int, column: Int)?
        // Most of a frame is the frame before: rows are compared as memory first.
        grid.cells.withUnsafeBufferPointer { cells in
            (last?.cells ?? []).withUnsafeBufferPointer { lastCells in
                let width = grid.size.columns
                for row in 0..<rows {
                    let start = row * width
                    let line = UnsafeBufferPointer(rebasing: cells[start..<(start + width)])
                    let before = lastCells.isEmpty ? nil : UnsafeBufferPointer(rebasing: lastCells[start..<(start + width)])
                    if let before, Self.sameBytes(line, before) { continue }
                    if let column = draw(line, over: before, row: row, columns: columns) { end = (row, column) }
                }
            }
        }
        if let cursor = grid.cursor, grid.contains(column: cursor.column, row: cursor.row) {
            setCursor(visible: true)
            wmove(stdscr, Int32(cursor.row), Int32(cursor.column))
        } else {
            setCursor(visible: false)
            // Where drawing cell by cell leaves it (past the right edge: the next row's
            // start, or the last cell at the bottom), so the terminal's cursor needs no move.
            if let end {
                let wrapped: (row: Int, column: Int) = end.column < screen.columns ? end
                    : end.row + 1 < screen.rows ? (end.row + 1, 0) : (end.row, screen.columns - 1)
                wmove(stdscr, Int32(wrapped.row), Int32(wrapped.column))
            }
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

    /// Draws the cells of one row that changed since `before` (all of them
    /// without it), and a wide character whose second column changed. Cells of
    /// one column that follow one another go to curses in one call; a wide
    /// character, a cluster of several scalars, or a character curses measures
    /// otherwise than `DisplayWidth` is drawn alone at its own column, so every
    /// cell lands where the grid has it. Returns the column after the last cell drawn.
    private func draw(_ line: UnsafeBufferPointer<Cell>, over before: UnsafeBufferPointer<Cell>?, row: Int,
                      columns: Int) -> Int? {
        var drawnTo: Int?
        var runStart = 0
        run.removeAll(keepingCapacity: true)
        func flush() {
            guard !run.isEmpty else { return }
            wmove(stdscr, Int32(row), Int32(runStart))
            wadd_wchnstr(stdscr, run, Int32(run.count))
            drawnTo = runStart + run.count
            run.removeAll(keepingCapacity: true)
        }
        for column in 0..<columns {
            let cell = line[column]
            if cell.isContinuation { flush(); continue }
            if let before, cell == before[column] {
                // Unchanged, unless it is a wide character whose second column changed.
                guard column + 1 < line.count, line[column + 1] != before[column + 1], cell.glyph.width == 2 else {
                    flush(); continue
                }
            }
            if let scalar = Self.oneColumn(cell.glyph) {
                if run.isEmpty { runStart = column }
                run.append(styles.drawable(scalar, cell.role))
            } else {
                flush()
                let fits = column + cell.glyph.width <= columns
                draw(cell, column: column, row: row, fits: fits)
                drawnTo = column + (fits ? max(1, cell.glyph.width) : 1)
            }
        }
        flush()
        return drawnTo
    }

    /// Whether two rows hold the same bytes: then the same cells (cells are plain values).
    private static func sameBytes(_ line: UnsafeBufferPointer<Cell>, _ before: UnsafeBufferPointer<Cell>) -> Bool {
        guard let now = line.baseAddress, let then = before.baseAddress else { return line.count == before.count }
        return line.count == before.count && memcmp(now, then, line.count * MemoryLayout<Cell>.stride) == 0
    }

    /// The scalar of a glyph that takes one column for `DisplayWidth` and for
    /// curses alike (which measures with wcwidth(3), by the locale).
    @inline(__always)
    private static func oneColumn(_ glyph: Glyph) -> Unicode.Scalar? {
        guard let scalar = glyph.scalar else { return nil }
        if scalar.value < 0x80 { return scalar.value >= 0x20 && scalar.value != 0x7F ? scalar : nil }
        return DisplayWidth.of(scalar: scalar) == 1 && sf_wcwidth(scalar.value) == 1 ? scalar : nil
    }

    private func draw(_ cell: Cell, column: Int, row: Int, fits: Bool) {
        let style = styles[cell.role]
        // A wide character cut by the right edge is shown as a space.
        let text: Character = fits ? cell.text : " "
        // Up to five code points and the terminating zero, without a heap allocation per cell.
        var characters: (wchar_t, wchar_t, wchar_t, wchar_t, wchar_t, wchar_t) = (0, 0, 0, 0, 0, 0)
        withUnsafeMutableBytes(of: &characters) { buffer in
            let slots = buffer.bindMemory(to: wchar_t.self)
            for (index, scalar) in text.unicodeScalars.prefix(slots.count - 1).enumerated() {
                slots[index] = wchar_t(bitPattern: scalar.value)
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
