import CNcursesw
#if canImport(Glibc)
import Glibc
#endif

/// Puts the terminal back however the process ends: a normal exit, SIGTERM or
/// SIGHUP, or a crash. The handlers run endwin and then let the signal take its
/// default course, so the exit status still tells what happened.
enum TerminalRestore {
    /// Set while curses owns the screen; read by the signal handlers.
    nonisolated(unsafe) static var cursesActive: Int32 = 0
    nonisolated(unsafe) private static var installed = false

    static let endingSignals: [Int32] = [SIGTERM, SIGHUP, SIGINT, SIGQUIT]
    static let crashSignals: [Int32] = [SIGSEGV, SIGABRT, SIGBUS, SIGFPE, SIGILL, SIGTRAP]

    static func install() {
        guard !installed else { return }
        installed = true
        for signal in endingSignals + crashSignals {
            var action = sigaction()
            action.__sigaction_handler.sa_handler = restoreAndReraise
            sigemptyset(&action.sa_mask)
            // One shot: the default action is back in place when the handler re-raises.
            action.sa_flags = Int32(SA_RESETHAND)
            sigaction(signal, &action, nil)
        }
        atexit { TerminalRestore.restore() }
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
    Glibc.signal(signal, SIG_DFL)
    raise(signal)
}
