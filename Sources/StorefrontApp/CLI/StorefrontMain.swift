import Foundation
import StoreCore
import StoreHTTP
import StoreTerminal

/// The `storefront` command: reads the command line and runs the shop, a
/// script, or the test runner. Returns the process exit status.
public enum StorefrontMain {
    public static func run(arguments: [String]) -> Int32 {
        let options: LaunchOptions
        do {
            options = try LaunchOptions.parse(arguments)
        } catch {
            StandardError.print("storefront: \(error)")
            StandardError.print(Usage.text)
            return 2
        }
        if options.showHelp { print(Usage.text); return 0 }
        if options.showVersion { print(Usage.version); return 0 }

        if let path = options.scriptPath {
            return runScript(at: path, options: options)
        }
        StandardError.print("storefront: needs an interactive terminal (stdin and stdout must be a TTY); use --script FILE to run headless")
        return 1
    }

    static func runScript(at path: String, options: LaunchOptions) -> Int32 {
        let script: Script
        do {
            script = try ScriptParser.parse(file: path)
        } catch {
            StandardError.print("\(error)")
            return 2
        }
        guard let url = options.apiURL else {
            StandardError.print("storefront: the embedded shop is not available yet; use --api URL")
            return 1
        }
        let api = StoreClient(baseURL: url)
        let screen = VirtualScreen()
        var runnerOptions = ScriptRunner.Options(snapshots: SnapshotStore(
            directory: options.snapshotsDirectory ?? SnapshotStore.defaultDirectory(forScript: path),
            update: options.updateSnapshots))
        runnerOptions.log = { StandardError.print($0) }
        let config = AppConfig(endpointLabel: url, instanceID: UUID().uuidString, now: Date())
        let clock = options.clock.map { AppClock.fixed(at: $0) } ?? .system
        let runner = ScriptRunner(screen: screen, options: runnerOptions) {
            AppRuntime(backend: screen, api: api, config: AppConfig(
                endpointLabel: config.endpointLabel, instanceID: config.instanceID, now: clock.now()), clock: clock)
        }
        switch runner.run(script) {
        case .passed:
            return 0
        case .failed(let failure):
            StandardError.print("\(failure)")
            return 1
        }
    }
}
