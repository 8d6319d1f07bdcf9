import Foundation
import StoreCore
import StoreTerminal

/// The `storefront` command: reads the command line and runs the shop, a
/// script, or the test runner. Returns the process exit status.
public enum StorefrontMain {
    /// `environment` is where CURL_CA_BUNDLE and SSL_CERT_FILE are read.
    public static func run(arguments: [String],
                           environment: [String: String] = ProcessInfo.processInfo.environment) -> Int32 {
        if arguments.first == "test" {
            return TestCommand.run(arguments: Array(arguments.dropFirst()), environment: environment)
        }
        if arguments.first == "load" {
            return LoadCommand.run(arguments: Array(arguments.dropFirst()), environment: environment)
        }
        let options: LaunchOptions
        do {
            options = try LaunchOptions.parse(arguments, environment: environment)
        } catch {
            StandardError.print("storefront: \(error)")
            if error is UsageError { StandardError.print(Usage.text) }
            return 2
        }
        if options.showHelp { print(Usage.text); return 0 }
        if options.showVersion { print(Usage.version); return 0 }

        if options.demo {
            return runDemo(options: options)
        }
        if let path = options.scriptPath {
            return options.onTerminal ? runScriptOnTerminal(at: path, options: options) : runScript(at: path, options: options)
        }
        return InteractiveSession.run(.keyboard(recordTo: options.recordPath), options: options)
    }

    static func runScriptOnTerminal(at path: String, options: LaunchOptions) -> Int32 {
        guard let script = parseScript(at: path) else { return 2 }
        return withScratchShop(options, scriptAPI: script.apiURL) { shopOptions in
            InteractiveSession.run(.script(script, pace: options.pace ?? 0.04, thenKeyboard: false), options: shopOptions)
        }
    }

    /// The script at `path`, or nil after printing why it cannot be read (exit status 2).
    static func parseScript(at path: String) -> Script? {
        do {
            return try ScriptParser.parse(file: path)
        } catch {
            StandardError.print("\(error)")
            return nil
        }
    }

    static func runDemo(options: LaunchOptions) -> Int32 {
        let script: Script
        do {
            script = try DemoScript.load()
        } catch {
            StandardError.print("storefront: \(error)")
            return 2
        }
        return withScratchShop(options) { shopOptions in
            InteractiveSession.run(.script(script, pace: options.pace ?? DemoScript.pace, thenKeyboard: true),
                                   options: shopOptions)
        }
    }

    /// Runs `body` on a fresh embedded shop in a temporary folder, removed after,
    /// unless the run names a deployment (a script's `set api` wins over `--api`)
    /// or a data directory: scripts then see the same shop every time, and a
    /// demo's orders stay out of the user's own shop.
    static func withScratchShop(_ options: LaunchOptions, scriptAPI: String? = nil,
                                _ body: (LaunchOptions) -> Int32) -> Int32 {
        if let scriptAPI {
            var remoteOptions = options
            remoteOptions.apiURL = scriptAPI
            return body(remoteOptions)
        }
        guard options.apiURL == nil, options.dataDirectory == nil else { return body(options) }
        let scratch = FileManager.default.temporaryDirectory
            .appendingPathComponent("storefront-shop-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        var shopOptions = options
        shopOptions.dataDirectory = scratch
        return body(shopOptions)
    }

    static func connect(_ options: LaunchOptions) throws -> ShopConnection {
        if let url = options.apiURL { return .remote(url, authorities: options.authorities) }
        return try .embedded(dataDirectory: DataDirectory.resolve(options.dataDirectory))
    }

    static func clock(_ options: LaunchOptions) -> AppClock {
        options.clock.map { AppClock.fixed(at: $0) } ?? .system
    }

    static func runScript(at path: String, options: LaunchOptions) -> Int32 {
        guard let script = parseScript(at: path) else { return 2 }
        return withScratchShop(options, scriptAPI: script.apiURL) { shopOptions in
            play(script, at: path, options: options, shopOptions: shopOptions)
        }
    }

    private static func play(_ script: Script, at path: String, options: LaunchOptions, shopOptions: LaunchOptions) -> Int32 {
        let connection: ShopConnection
        do {
            connection = try connect(shopOptions)
        } catch {
            StandardError.print("storefront: cannot start the embedded shop: \(error)")
            return 1
        }
        defer { connection.close() }
        var runner = ScriptRunner.Options(snapshots: SnapshotStore(
            directory: options.snapshotsDirectory ?? SnapshotStore.defaultDirectory(forScript: path),
            update: options.updateSnapshots, format: options.pictureFormat))
        runner.log = { StandardError.print($0) }
        var settings = ScriptSession.Settings(endpointLabel: connection.endpointLabel, clock: clock(options), runner: runner)
        if let castPath = options.castPath {
            do {
                settings.cast = try CastRecorder(path: castPath, theme: ThemeLoader().load(options.theme ?? "default"),
                                                 title: "storefront --script \((path as NSString).lastPathComponent)")
            } catch {
                StandardError.print("storefront: cannot write the cast \(castPath): \(error)")
                return 2
            }
        }
        if let statisticsPath = options.frameStatisticsPath {
            do {
                settings.frameStatistics = try FrameStatistics(path: statisticsPath,
                                                               theme: ThemeLoader().load(options.theme ?? "default"))
            } catch {
                StandardError.print("storefront: cannot write the frame statistics \(statisticsPath): \(error)")
                return 2
            }
        }
        switch ScriptSession.play(script, api: connection.api, settings: settings) {
        case .passed:
            return 0
        case .failed(let failure):
            StandardError.print("\(failure)")
            if let path = options.failureReportPath { FailureRecord(failure).write(to: path) }
            return 1
        }
    }
}
