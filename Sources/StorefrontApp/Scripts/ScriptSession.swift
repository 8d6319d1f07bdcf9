import Foundation
import StoreCore
import StoreTerminal

/// Plays one parsed script on a fresh virtual screen against a store.
public enum ScriptSession {
    public struct Settings {
        public var endpointLabel: String
        public var clock: AppClock
        public var runner: ScriptRunner.Options
        /// Records the screen as an asciicast while the script plays.
        public var cast: CastRecorder?
        /// Where requests run (many apps in one process share these); the app's own queue when nil.
        public var requestThreads: RequestThreads?
        /// Times every frame drawn (`--frame-stats`).
        var frameStatistics: FrameStatistics?
        public init(endpointLabel: String, clock: AppClock = .system, runner: ScriptRunner.Options = .init(),
                    cast: CastRecorder? = nil) {
            self.endpointLabel = endpointLabel; self.clock = clock; self.runner = runner; self.cast = cast
        }
    }

    /// Runs `script` headless on `screen`.
    public static func play(_ script: Script, api: StoreAPI, settings: Settings,
                            screen: VirtualScreen = VirtualScreen()) -> ScriptOutcome {
        let instanceID = UUID().uuidString
        let runner = ScriptRunner(screen: screen, options: settings.runner) {
            let config = AppConfig(endpointLabel: settings.endpointLabel, instanceID: instanceID,
                                   now: settings.clock.now())
            let backend: TerminalBackend = settings.cast.map { CastingTerminal(screen, recorder: $0) } ?? screen
            let runtime = AppRuntime(backend: backend, api: api, config: config, clock: settings.clock,
                                     requestThreads: settings.requestThreads)
            runtime.frameStatistics = settings.frameStatistics
            return runtime
        }
        return runner.run(script)
    }
}
