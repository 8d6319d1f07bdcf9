import Foundation
import StoreHTTP
import StoreTerminal
import Testing
import TestSupport
@testable import StorefrontApp

/// The bundled checkout demo reaches the order confirmation (played headless,
/// without its pauses for people watching).
@Suite struct DemoScriptTests {
    @Test func theDemoReachesTheConfirmation() throws {
        let path = try #require(DemoScript.locate(), "the demo script is bundled beside the binary")
        let script = try ScriptParser.parse(file: path)
        let store = try TestStore()
        defer { store.stop() }
        var runner = ScriptRunner.Options()
        runner.skipsSleep = true
        let screen = VirtualScreen(size: .init(columns: 100, rows: 30))
        let outcome = ScriptSession.play(script, api: StoreClient(baseURL: store.baseURL),
                                         settings: .init(endpointLabel: "embedded shop", runner: runner), screen: screen)
        if case .failed(let failure) = outcome { Issue.record("\(failure)") }
        #expect(screen.text.contains("confirmed"))
    }
}
