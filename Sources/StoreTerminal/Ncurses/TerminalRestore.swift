import CNcursesw
#if canImport(Glibc)
import Glibc
#endif

/// Puts the terminal back however the process ends: a normal exit, SIGTERM,
/// SIGHUP, SIGINT or a crash. Each handler runs endwin, puts back the handler that
/// was there before (the default action, or the runtime's crash reporter, which
/// can then print on a sane terminal) and raises the signal again, so the process
/// ends as it would have.
enum TerminalRestore {
    /// Set while curses owns the screen; read by the signal handlers.
    nonisolated(unsafe) static var cursesActive: Int32 = 0
    nonisolated(unsafe) private static var installed = false
    /// The handlers in place before ours, indexed by signal number. Allocated once so
    /// the signal handler reads it without touching the Swift runtime.
    nonisolated(unsafe) static let previousActions: UnsafeMutablePointer<sigaction> = {
        let actions = UnsafeMutablePointer<sigaction>.allocate(capacity: Int(signalSlots))
        actions.initialize(repeating: sigaction(), count: Int(signalSlots))
        return actions
    }()
    static let signalSlots: Int32 = 65

    static let endingSignals: [Int32] = [SIGTERM, SIGHUP, SIGINT, SIGQUIT]
    static let crashSignals: [Int32] = [SIGSEGV, SIGABRT, SIGBUS, SIGFPE, SIGILL, SIGTRAP]

    static func install() {
        guard !installed else { return }
        installed = true
        for signal in endingSignals + crashSignals where signal < signalSlots {
            // A signal the program chose to ignore (it may watch it another way) stays ignored.
            var current = sigaction()
            sigaction(signal, nil, &current)
            if isIgnored(current) { continue }
            var action = sigaction()
            action.__sigaction_handler.sa_handler = restoreAndReraise
            sigemptyset(&action.sa_mask)
            sigaction(signal, &action, previousActions + Int(signal))
        }
        atexit { TerminalRestore.restore() }
    }

    private static func isIgnored(_ action: sigaction) -> Bool {
        guard let handler = action.__sigaction_handler.sa_handler else { return false }
        return unsafeBitCast(handler, to: Int.self) == unsafeBitCast(SIG_IGN, to: Int.self)
    }

    static func restore() {
        if cursesActive != 0 {
            cursesActive = 0
            endwin()
        }
    }
}

private func restoreAndReraise(_ signal: Int32) {
    TerminalRestore.restore()
    sigaction(signal, TerminalRestore.previousActions + Int(signal), nil)
    // Delivered as soon as this handler returns (the signal is blocked while it runs).
    raise(signal)
}
