import Foundation
import StoreCore
import StoreTerminal

/// Plays one parsed script on a fresh virtual screen against a store.
public enum ScriptSession {
    public struct Settings {
        public var endpointLabel: String
        public var clock: AppClock
        public var runner: ScriptRunner.Options
        public init(endpointLabel: String, clock: AppClock = .system, runner: ScriptRunner.Options = .init()) {
            self.endpointLabel = endpointLabel; self.clock = clock; self.runner = runner
        }
    }

    /// Runs `script` headless on `screen`.
    public static func play(_ script: Script, api: StoreAPI, settings: Settings,
                            screen: VirtualScreen = VirtualScreen()) -> ScriptOutcome {
        let instanceID = UUID().uuidString
        let runner = ScriptRunner(screen: screen, options: settings.runner) {
            let config = AppConfig(endpointLabel: settings.endpointLabel, instanceID: instanceID,
                                   now: settings.clock.now())
            return AppRuntime(backend: screen, api: api, config: config, clock: settings.clock)
        }
        return runner.run(script)
    }
}
