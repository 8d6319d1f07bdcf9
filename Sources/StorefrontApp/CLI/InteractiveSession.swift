import Foundation
import StoreCore
import StoreTerminal

/// The shop on the real terminal: the person at the keyboard, a script played
/// at a pace (`--tty`), or the bundled demo (`--demo`).
enum InteractiveSession {
    static let notATerminal = "storefront: needs an interactive terminal (stdin and stdout must be a TTY); use --script FILE to run headless"

    /// What drives the app on the terminal.
    enum Driver {
        case keyboard(recordTo: String?)
        /// A script, then (when `thenKeyboard`) the keyboard.
        case script(Script, pace: TimeInterval, thenKeyboard: Bool)
    }

    static func run(_ driver: Driver, options: LaunchOptions) -> Int32 {
        // A bad theme or config file is reported first: it is a mistake in how storefront was asked to run.
        let theme: Theme
        let userConfig: UserConfig
        do {
            userConfig = try UserConfig.load()
            theme = try ThemeLoader().load(options.theme ?? userConfig.theme ?? "default")
        } catch {
            StandardError.print("storefront: \(error)")
            return 2
        }
        guard NcursesTerminal.isRunningOnTerminal else {
            StandardError.print(notATerminal)
            return 1
        }
        // The shop starts before curses takes the screen, so its errors print plainly.
        let connection: ShopConnection
        do {
            connection = try StorefrontMain.connect(options)
        } catch {
            StandardError.print("storefront: cannot start the embedded shop: \(error)")
            return 1
        }
        defer { connection.close() }
        let terminal: NcursesTerminal
        do {
            terminal = try NcursesTerminal(theme: theme)
        } catch {
            StandardError.print("storefront: \(error)")
            return 1
        }
        defer { terminal.shutdown() }
        // While curses owns the screen, stray diagnostics from the embedded services go to a log file.
        let diagnostics = DiagnosticsRedirect(toFileIn: options.apiURL == nil ? DataDirectory.resolve(options.dataDirectory) : nil)
        defer { diagnostics.restore() }
        let clock = StorefrontMain.clock(options)
        let cast: CastRecorder?
        do {
            cast = try options.castPath.map { try CastRecorder(path: $0, theme: theme, title: "storefront") }
        } catch {
            terminal.shutdown()
            StandardError.print("storefront: cannot write the cast \(options.castPath ?? ""): \(error)")
            return 2
        }
        let frameStatistics: FrameStatistics?
        do {
            frameStatistics = try options.frameStatisticsPath.map { try FrameStatistics(path: $0, theme: terminal.theme) }
        } catch {
            terminal.shutdown()
            StandardError.print("storefront: cannot write the frame statistics \(options.frameStatisticsPath ?? ""): \(error)")
            return 2
        }
        /// The backend the app draws on, recorded as a cast when asked.
        func casting(_ backend: TerminalBackend) -> TerminalBackend {
            cast.map { CastingTerminal(backend, recorder: $0) } ?? backend
        }
        // The demo shows what the services do behind the screen, where there is room beside it.
        let config = AppConfig(endpointLabel: connection.endpointLabel, instanceID: UUID().uuidString, now: clock.now(),
                               behindTheScenes: options.demo && terminal.size.columns >= BackstagePanel.wideColumns)

        switch driver {
        case .keyboard(let recordPath):
            let recorder = recordPath.map { _ in KeyRecorder(terminal: terminal) }
            let runtime = AppRuntime(backend: casting(recorder ?? terminal), api: connection.api, config: config, clock: clock,
                                     keymap: userConfig.keymap)
            runtime.frameStatistics = frameStatistics
            runtime.run()
            terminal.shutdown()
            diagnostics.restore()
            if let recordPath, let recorder {
                do {
                    try recorder.script(size: terminal.size).write(toFile: recordPath, atomically: true, encoding: .utf8)
                    StandardError.print("storefront: recorded the session to \(recordPath)")
                } catch {
                    StandardError.print("storefront: cannot write \(recordPath): \(error.localizedDescription)")
                    return 1
                }
            }
            return 0

        case .script(let script, let pace, let thenKeyboard):
            let screen = VirtualScreen()
            let scripted = ScriptedTerminal(screen: screen, terminal: terminal)
            var runnerOptions = ScriptRunner.Options(snapshots: options.snapshotsDirectory.map {
                SnapshotStore(directory: $0, update: options.updateSnapshots)
            })
            runnerOptions.pace = pace
            runnerOptions.followsTerminalSize = true
            let runtime = AppRuntime(backend: casting(scripted), api: connection.api, config: config, clock: clock)
            runtime.frameStatistics = frameStatistics
            let runner = ScriptRunner(screen: screen, options: runnerOptions) { runtime }
            let outcome = runner.run(script)
            if thenKeyboard, case .passed = outcome, !runtime.hasQuit {
                scripted.handOver()
                runtime.run()
            }
            terminal.shutdown()
            diagnostics.restore()
            if case .failed(let failure) = outcome {
                StandardError.print("\(failure)")
                return 1
            }
            return 0
        }
    }
}
