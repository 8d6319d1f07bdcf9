import Foundation
import StoreCore

/// `storefront test`: runs many scripts, each on a fresh embedded shop (its own
/// temporary data directory) or against `--api URL`, `--jobs` of them at once;
/// prints one line per script in the order of the files, whatever order they
/// finish in, and a closing `N passed, N flaky, N failed`; writes a JUnit
/// report and an HTML page when asked.
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
        var screens = FailureScreens(reportPath: options.junitPath, format: options.pictureFormat)
        var castsSaved = true
        var results: [TestResult] = []
        OrderedParallel.run(count: files.count, jobs: options.jobs, work: { index in
            runWithRetries(files[index], options: options)
        }, inOrder: { _, run in
            let (result, cast) = run
            defer { if let cast { try? FileManager.default.removeItem(atPath: cast) } }
            results.append(result)
            output(result.summaryLine)
            guard !result.passed else { return }
            let name = screens.uniqueName(for: result)
            if case .failed(let failure) = result.verdict {
                output(indent(ScriptFailure.framed(failure.screen, size: failure.size)))
                for path in screens.save(failure, named: name) { output("  screen saved to \(path)") }
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
        })
        let saved = saveReports(results, options: options) && screens.error == nil && castsSaved
        let flaky = results.filter(\.flaky).count
        let failed = results.filter { !$0.passed }.count
        output("\(results.count - flaky - failed) passed, \(flaky) flaky, \(failed) failed")
        if !saved { return 2 }
        return failed == 0 ? 0 : 1
    }

    /// Runs a script, and again up to `--retries` times while it fails; a script
    /// that cannot be parsed is not run again, as it would fail the same way.
    /// Returns the result and where the last run's cast was written aside (the
    /// caller keeps it only when the script does not pass, and removes it).
    static func runWithRetries(_ file: String, options: TestOptions) -> (TestResult, cast: String?) {
        let cast = options.castDirectory.map { _ in
            FileManager.default.temporaryDirectory.appendingPathComponent("storefront-cast-\(UUID().uuidString).cast").path
        }
        var result = runOne(file, options: options, castPath: cast)
        var earlier: [String] = []
        var duration = result.duration
        while !result.passed && earlier.count < options.retries && (try? ScriptParser.parse(file: file)) != nil {
            earlier.append(result.reason ?? "")
            result = runOne(file, options: options, castPath: cast)
            duration += result.duration
        }
        result.attempts = earlier.count + 1
        result.earlierFailures = earlier
        result.duration = duration
        return (result, cast)
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
                                                directory: snapshots, update: options.updateSnapshots,
                                                format: options.pictureFormat)),
                                              cast: recorder ?? nil)
        switch ScriptSession.play(script, api: connection.api, settings: settings) {
        case .passed: return finish(.passed)
        case .failed(let failure): return finish(.failed(failure))
        }
    }

    /// Writes the JUnit and HTML reports that were asked for; false when one could not be written.
    private static func saveReports(_ results: [TestResult], options: TestOptions) -> Bool {
        let now = Date()
        let reports: [(String?, () -> String)] = [
            (options.junitPath, { JUnitReport.xml(for: results, timestamp: now) }),
            (options.htmlPath, { HTMLReport.page(for: results, timestamp: now) }),
        ]
        var saved = true
        for case let (path?, text) in reports {
            do {
                try FailureScreens.makeDirectory(of: path)
                try text().write(toFile: path, atomically: true, encoding: .utf8)
            } catch {
                StandardError.print("storefront: cannot write the report \(path): \(error.localizedDescription)")
                saved = false
            }
        }
        return saved
    }

    private static func indent(_ text: String) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false).map { "    " + $0 }.joined(separator: "\n")
    }
}
