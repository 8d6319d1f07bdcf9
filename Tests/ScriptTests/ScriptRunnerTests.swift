import Foundation
import StoreCore
import StoreHTTP
import Testing
import TestSupport
@testable import StorefrontApp

/// The runner against a real store: what a failure reports, and snapshots.
@Suite struct ScriptRunnerTests {
    private func play(_ text: String, store: TestStore, snapshots: String? = nil, update: Bool = false) throws -> ScriptOutcome {
        let script = try ScriptParser.parse(text, file: "test.keys")
        let runner = ScriptRunner.Options(snapshots: snapshots.map { SnapshotStore(directory: $0, update: update) })
        return ScriptSession.play(script, api: StoreClient(baseURL: store.baseURL),
                                  settings: .init(endpointLabel: "embedded shop", runner: runner))
    }

    @Test func aFailedExpectationNamesTheLineAndShowsTheScreen() throws {
        let store = try TestStore()
        defer { store.stop() }
        let outcome = try play("size 80x24\nwait \"Featured\"\nexpect \"Unicorns for sale\"\n", store: store)
        guard case .failed(let failure) = outcome else { Issue.record("expected a failure"); return }
        #expect(outcome.exitStatus == 1)
        #expect(failure.location.line == 3)
        #expect(failure.reason.contains("\"Unicorns for sale\" is not on screen"))
        #expect(failure.description.hasPrefix("test.keys:3: expect \"Unicorns for sale\""))
        #expect(failure.description.contains("screen (80x24):"))
        #expect(failure.description.contains("Featured"), "the screen as it was")
    }

    @Test func aWaitThatTimesOutSaysHowLongItWaited() throws {
        let store = try TestStore()
        defer { store.stop() }
        let began = Date()
        let outcome = try play("wait \"Unicorns\" 300ms\n", store: store)
        guard case .failed(let failure) = outcome else { Issue.record("expected a failure"); return }
        #expect(Date().timeIntervalSince(began) < 3)
        let waited = try #require(failure.waited)
        #expect(waited >= 0.3)
        #expect(failure.reason.contains("did not appear on screen (waited"))
    }

    @Test func expectNotFailsWhenTheTextIsThere() throws {
        let store = try TestStore()
        defer { store.stop() }
        let outcome = try play("wait \"Featured\"\nexpect-not /Feat\\w+/\n", store: store)
        guard case .failed(let failure) = outcome else { Issue.record("expected a failure"); return }
        #expect(failure.location.line == 2)
    }

    @Test func snapshotsAreCreatedMatchedMismatchedAndUpdated() throws {
        let store = try TestStore()
        defer { store.stop() }
        let folder = try ScratchFolder()
        let script = "size 100x30\nwait \"Featured\"\nsnapshot home\n"
        #expect(try play(script, store: store, snapshots: folder.path).exitStatus == 0)
        let created = try #require(folder.read("home.txt"))
        #expect(created.contains("Featured"))
        #expect(created.components(separatedBy: "\n").count == 31, "30 rows and a final newline")

        // The same screen matches its golden file.
        #expect(try play(script, store: store, snapshots: folder.path).exitStatus == 0)

        // A different golden file is a failure with a readable diff, and is left alone.
        try folder.write("home.txt", created.replacingOccurrences(of: "Featured", with: "Starring"))
        let outcome = try play(script, store: store, snapshots: folder.path)
        guard case .failed(let failure) = outcome else { Issue.record("expected a mismatch"); return }
        #expect(failure.message.contains("differs from the golden snapshot"))
        #expect(failure.message.contains("- ") && failure.message.contains("Starring"))
        #expect(failure.message.contains("+ ") && failure.message.contains("Featured"))
        #expect(folder.read("home.txt")?.contains("Starring") == true)

        // --update-snapshots rewrites it.
        #expect(try play(script, store: store, snapshots: folder.path, update: true).exitStatus == 0)
        #expect(folder.read("home.txt") == created)
    }

    @Test func masksHideVolatileTextInSnapshots() throws {
        let store = try TestStore()
        defer { store.stop() }
        let folder = try ScratchFolder()
        let script = "size 80x24\nwait \"Featured\"\nmask /NZD \\d+\\.\\d\\d/\nsnapshot masked\n"
        #expect(try play(script, store: store, snapshots: folder.path).exitStatus == 0)
        let text = try #require(folder.read("masked.txt"))
        #expect(!text.contains("NZD 2"))
        #expect(text.contains("#########"))
    }

    @Test func theCommandLineExitsWithOneOnAFailureAndZeroWhenAllHold() throws {
        let store = try TestStore()
        defer { store.stop() }
        let folder = try ScratchFolder()
        let passing = try folder.write("pass.keys", "size 80x24\nwait \"Featured\"\nexpect \"The Better Store\"\n")
        let failing = try folder.write("fail.keys", "size 80x24\nwait \"Featured\"\nexpect \"Unicorns\"\n")
        #expect(StorefrontMain.run(arguments: ["--script", passing, "--api", store.baseURL, "--snapshots", folder.path]) == 0)
        #expect(StorefrontMain.run(arguments: ["--script", failing, "--api", store.baseURL, "--snapshots", folder.path]) == 1)
    }
}
