import Foundation
import StoreCore

/// `storefront test`: runs many scripts, each on a fresh embedded shop (its own
/// temporary data directory) or against `--api URL`, prints one line per
/// script and a closing `N passed, N failed`, and writes a JUnit report.
public enum TestCommand {
    /// `environment` is where CURL_CA_BUNDLE and SSL_CERT_FILE are read.
    public static func run(arguments: [String], environment: [String: String] = ProcessInfo.processInfo.environment,
                           output: (String) -> Void = { print($0) }) -> Int32 {
        let options: TestOptions
        let files: [String]
        do {
            options = try TestOptions.parse(arguments, environment: environment)
            if options.showHelp {
                output(Usage.text)
                return 0
            }
            files = try ScriptFiles.collect(options.paths)
        } catch {
            StandardError.print("storefront: \(error)")
            if error is UsageError { StandardError.print(Usage.text) }
            return 2
        }
        var screens = FailureScreens(reportPath: options.junitPath)
        var castsSaved = true
        let results = files.map { file -> TestResult in
            // Each script's cast is written aside and kept only when the script does not pass.
            let cast = options.castDirectory.map { _ in
                FileManager.default.temporaryDirectory.appendingPathComponent("storefront-cast-\(UUID().uuidString).cast").path
            }
            defer { if let cast { try? FileManager.default.removeItem(atPath: cast) } }
            let result = runOne(file, options: options, castPath: cast)
            output(result.summaryLine)
            guard !result.passed else { return result }
            let name = screens.uniqueName(for: result)
            if case .failed(let failure) = result.verdict {
                output(indent(ScriptFailure.framed(failure.screen, size: failure.size)))
                if let path = screens.save(failure, named: name) { output("  screen saved to \(path)") }
            }
            if let cast, let directory = options.castDirectory, FileManager.default.fileExists(atPath: cast) {
                let path = (directory as NSString).appendingPathComponent("\(name).cast")
                do {
                    try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
                    try? FileManager.default.removeItem(atPath: path)
                    try FileManager.default.moveItem(atPath: cast, toPath: path)
                    output("  cast saved to \(path)")
                } catch {
                    castsSaved = false
                    StandardError.print("storefront: cannot write \(path): \(error.localizedDescription)")
                }
            }
            return result
        }
        let saved = screens.error == nil && castsSaved && saveReport(results, options: options)
        let failed = results.filter { !$0.passed }.count
        output("\(results.count - failed) passed, \(failed) failed")
        if !saved { return 2 }
        return failed == 0 ? 0 : 1
    }

    /// `castPath`: where the run's cast is written, when casts are asked for.
    static func runOne(_ file: String, options: TestOptions, castPath: String? = nil) -> TestResult {
        let began = Date()
        func finish(_ verdict: TestResult.Verdict) -> TestResult {
            TestResult(path: file, verdict: verdict, duration: Date().timeIntervalSince(began))
        }
        let script: Script
        do {
            script = try ScriptParser.parse(file: file)
        } catch {
            return finish(.broken("\(error)"))
        }
        let snapshots = options.snapshotsDirectory.map {
            ($0 as NSString).appendingPathComponent(URL(fileURLWithPath: file).deletingPathExtension().lastPathComponent)
        } ?? SnapshotStore.defaultDirectory(forScript: file)
        if let executable = IsolatedRun.executable {
            return finish(IsolatedRun.run(file, snapshots: snapshots, options: options, castPath: castPath,
                                          executable: executable))
        }
        let connection: ShopConnection
        var temporaryDirectory: String?
        do {
            if let url = script.apiURL ?? options.apiURL {
                connection = .remote(url, authorities: options.authorities)
            } else {
                let directory = FileManager.default.temporaryDirectory
                    .appendingPathComponent("storefront-test-\(UUID().uuidString)").path
                temporaryDirectory = directory
                connection = try .embedded(dataDirectory: directory)
            }
        } catch {
            return finish(.broken("cannot start the embedded shop: \(error)"))
        }
        defer {
            connection.close()
            if let temporaryDirectory { try? FileManager.default.removeItem(atPath: temporaryDirectory) }
        }
        let clock = options.clock.map { AppClock.fixed(at: $0) } ?? .system
        let recorder = try? castPath.map { try CastRecorder(path: $0, theme: .standard, title: "storefront test \(file)") }
        let settings = ScriptSession.Settings(endpointLabel: connection.endpointLabel, clock: clock,
                                              runner: ScriptRunner.Options(snapshots: SnapshotStore(
                                                directory: snapshots, update: options.updateSnapshots)),
                                              cast: recorder ?? nil)
        switch ScriptSession.play(script, api: connection.api, settings: settings) {
        case .passed: return finish(.passed)
        case .failed(let failure): return finish(.failed(failure))
        }
    }

    /// Writes the JUnit file.
    private static func saveReport(_ results: [TestResult], options: TestOptions) -> Bool {
        guard let path = options.junitPath else { return true }
        do {
            try FailureScreens.makeDirectory(of: path)
            try JUnitReport.xml(for: results, timestamp: Date()).write(toFile: path, atomically: true, encoding: .utf8)
            return true
        } catch {
            StandardError.print("storefront: cannot write the report \(path): \(error.localizedDescription)")
            return false
        }
    }

    private static func indent(_ text: String) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false).map { "    " + $0 }.joined(separator: "\n")
    }
}
