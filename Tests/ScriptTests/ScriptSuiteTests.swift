import Foundation
import StoreCore
import StoreHTTP
import Testing
import TestSupport
@testable import StorefrontApp

/// The project's UI end-to-end suite: every `Tests/Scripts/**/*.keys` script
/// played on the virtual screen against its own fresh store, or against the
/// address the script names with `set api URL`.
enum ScriptSuite {
    static let directory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Scripts")

    static var files: [String] {
        (try? ScriptFiles.collect([directory.path])) ?? []
    }

    static let clock = AppClock.fixed(at: AppClock.parse("2026-01-01T10:00:00Z")!)

    /// Plays one script and returns its outcome; snapshots go to a temporary folder.
    static func play(_ path: String) throws -> ScriptOutcome {
        let script = try ScriptParser.parse(file: path)
        let snapshots = FileManager.default.temporaryDirectory.appendingPathComponent("snapshots-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: snapshots) }
        var runner = ScriptRunner.Options(snapshots: SnapshotStore(directory: snapshots.path))
        // These scripts run beside the whole suite on two cores, where a sign-up
        // and checkout can take longer than a person's 5 s. A wait returns as
        // soon as its text shows, so the wider bound costs a passing script nothing.
        runner.defaultTimeout = 30
        if let url = script.apiURL {
            let settings = ScriptSession.Settings(endpointLabel: url, clock: clock, runner: runner)
            return ScriptSession.play(script, api: StoreClient(baseURL: url), settings: settings)
        }
        let store = try TestStore()
        defer { store.stop() }
        let settings = ScriptSession.Settings(endpointLabel: "embedded shop", clock: clock, runner: runner)
        return ScriptSession.play(script, api: StoreClient(baseURL: store.baseURL), settings: settings)
    }
}

@Suite struct ScriptSuiteTests {
    @Test func theSuiteIsThere() {
        #expect(ScriptSuite.files.count >= 5, "found \(ScriptSuite.files)")
    }

    @Test(arguments: ScriptSuite.files.map { String($0.dropFirst(ScriptSuite.directory.path.count + 1)) })
    func scriptPasses(_ name: String) throws {
        let outcome = try ScriptSuite.play(ScriptSuite.directory.appendingPathComponent(name).path)
        if case .failed(let failure) = outcome {
            Issue.record("\(failure)")
        }
    }
}
