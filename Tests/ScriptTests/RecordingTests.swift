import Foundation
import StoreCore
import StoreHTTP
import StoreTerminal
import Testing
import TestSupport
@testable import StorefrontApp

/// `--record`: a session's keys become a script that, replayed on a fresh
/// shop, ends on the same screen; card digits never reach the recording.
@Suite struct RecordingTests {
    private let clock = AppClock.fixed(at: AppClock.parse("2026-01-01T10:00:00Z")!, advances: false)
    private let size = Size(columns: 100, rows: 30)

    /// A person at the keyboard: one key, then watch the screen until `text` shows.
    /// The app on a virtual screen behind a key recorder, talking to `store`, first frame drawn.
    private func recordingApp(on store: TestStore) -> (VirtualScreen, KeyRecorder, AppRuntime) {
        let screen = VirtualScreen(size: size)
        let recorder = KeyRecorder(terminal: screen)
        let config = AppConfig(endpointLabel: "embedded shop", instanceID: "recording", now: clock.now())
        let app = AppRuntime(backend: recorder, api: StoreClient(baseURL: store.baseURL), config: config, clock: clock)
        app.redrawIfNeeded()
        return (screen, recorder, app)
    }

    private func press(_ keys: [Key], until pattern: String, _ screen: VirtualScreen, _ app: AppRuntime) throws {
        for key in keys { screen.feed(.key(key)) }
        let regex = try NSRegularExpression(pattern: pattern)
        let deadline = Date().addingTimeInterval(5)
        while Date() < deadline {
            app.step(waitMilliseconds: 10)
            let text = screen.text
            if regex.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) != nil, app.isNetworkIdle { return }
        }
        Issue.record("/\(pattern)/ did not show:\n\(screen.text)")
    }

    private func settle(_ app: AppRuntime) {
        let deadline = Date().addingTimeInterval(5)
        repeat { app.step(waitMilliseconds: 10) } while !app.isNetworkIdle && Date() < deadline
        app.step(waitMilliseconds: 0)
    }

    @Test func aRecordingReplaysToTheSameScreen() throws {
        let recordedStore = try TestStore()
        defer { recordedStore.stop() }
        let (screen, recorder, app) = recordingApp(on: recordedStore)
        try press([], until: "Cien años de soledad", screen, app)
        try press([.character("s")], until: "64 products", screen, app)
        try press([.right], until: "36 products", screen, app)
        try press([.down, .character("a")], until: "Cart: 1 item", screen, app)
        try press([.character("c")], until: "Subtotal", screen, app)
        try press([.character("+")], until: "Cart: 2 items", screen, app)
        settle(app)
        let finalScreen = screen.text
        try press([.character("q")], until: ".", screen, app)
        #expect(app.hasQuit)

        let recording = recorder.script(size: size)
        #expect(recording.contains("size 100x30"))
        #expect(recording.contains("press s"))
        #expect(recording.contains("wait \""))
        #expect(!recording.contains("press q"), "the quitting key is left out")

        let replayStore = try TestStore()
        defer { replayStore.stop() }
        let script = try ScriptParser.parse(recording, file: "recorded.keys")
        let replayScreen = VirtualScreen()
        let runner = ScriptRunner(screen: replayScreen, options: .init()) {
            AppRuntime(backend: replayScreen, api: StoreClient(baseURL: replayStore.baseURL),
                       config: AppConfig(endpointLabel: "embedded shop", instanceID: "replay", now: clock.now()), clock: clock)
        }
        let outcome = runner.run(script)
        if case .failed(let failure) = outcome { Issue.record("replay failed:\n\(recording)\n\(failure)") }
        if let replayed = runner.app { settle(replayed) }
        #expect(replayScreen.text == finalScreen, "recording:\n\(recording)")
    }

    /// Keys typed ahead arrive in one burst, before any frame of the card screen
    /// was drawn: each is still judged by the screen it went into.
    @Test func cardDigitsTypedAheadNeverReachTheRecording() throws {
        let store = try TestStore(options: TestStore.fastOptions)
        defer { store.stop() }
        let (screen, recorder, app) = recordingApp(on: store)
        try press([], until: "Featured", screen, app)
        try press([.character("s")], until: "products", screen, app)
        try press([.character("a")], until: "Cart: 1 item", screen, app)
        try press([.character("c")], until: "Subtotal", screen, app)
        try press([.enter], until: "Sign in", screen, app)
        try press(Array("demo@betterstore.test").map { .character($0) } + [.tab]
                  + Array("betterdemo").map { .character($0) } + [.enter], until: "Review your order|Delivery address",
                  screen, app)
        while !screen.text.contains("Review your order") { try press([.enter], until: "Review your order|Card details", screen, app) }
        let burst: [Key] = [.enter] + "Ana Smith".map { .character($0) } + [.tab]
            + "4111111111111112".map { .character($0) } + [.tab]
            + "0931".map { .character($0) } + [.tab] + "917".map { .character($0) }
        for key in burst { screen.feed(.key(key)) }
        app.step(waitMilliseconds: 0)
        #expect(screen.text.contains("Card details"))
        #expect(app.state.checkout.card.digits == "4111111111111112")
        screen.feed(.key(.control("c")))
        app.step(waitMilliseconds: 0)

        let recording = recorder.script(size: size)
        for secret in ["4111", "1112", "0931", "917"] {
            #expect(!recording.contains(secret), "\(secret) in:\n\(recording)")
        }
        #expect(recording.contains("type \"Ana Smith\""))
        #expect(recording.contains("${CARD_NUMBER}") && recording.contains("${CARD_CVC}"), "\(recording)")
        #expect(!recording.contains("betterdemo"), "\(recording)")
        #expect(recording.contains("type \"demo@betterstore.test\"\npress Tab\ntype \"${PASSWORD}\""), "\(recording)")
    }

    /// What is typed or corrected in a password field is written as ${PASSWORD};
    /// given with env, the recording signs in again.
    @Test func aPasswordBecomesAVariableAndTheRecordingSignsInWithIt() throws {
        let store = try TestStore(options: TestStore.fastOptions)
        defer { store.stop() }
        let (screen, recorder, app) = recordingApp(on: store)
        try press([], until: "Featured", screen, app)
        try press([.character("o")], until: "Password", screen, app)
        let typo: [Key] = "betterdemq".map { .character($0) } + [.backspace, .character("o"), .left, .right]
        try press(Array("demo@betterstore.test").map { .character($0) } + [.tab] + typo + [.enter],
                  until: "Signed in as", screen, app)
        settle(app)
        try press([.character("q")], until: ".", screen, app)

        let recording = recorder.script(size: size)
        for secret in ["betterdem", "press Backspace", "press Left"] {
            #expect(!recording.contains(secret), "\(secret) in:\n\(recording)")
        }
        #expect(recording.components(separatedBy: "${PASSWORD}").count == 2, "one run, one variable:\n\(recording)")
        #expect(recording.contains("# the password was not recorded: give PASSWORD"))
        #expect(recording.contains("press Tab\ntype \"${PASSWORD}\"\npress Enter"), "\(recording)")

        let replayStore = try TestStore(options: TestStore.fastOptions)
        defer { replayStore.stop() }
        let script = try ScriptParser.parse(recording + "wait \"Signed in as\"\n", environment: ["PASSWORD": "betterdemo"])
        let replayScreen = VirtualScreen()
        let runner = ScriptRunner(screen: replayScreen, options: .init()) {
            AppRuntime(backend: replayScreen, api: StoreClient(baseURL: replayStore.baseURL),
                       config: AppConfig(endpointLabel: "embedded shop", instanceID: "replay", now: clock.now()), clock: clock)
        }
        if case .failed(let failure) = runner.run(script) { Issue.record("replay failed:\n\(recording)\n\(failure)") }
    }

    @Test func editsOfAPasswordFieldAreOneVariable() {
        func password(_ key: Key) -> KeyRecorder.Entry { .key(key, onCardScreen: false, intoPassword: true) }
        let entries: [KeyRecorder.Entry] = [.wait("Sign in")] + "a1@b.nz".map { .key(.character($0), onCardScreen: false) }
            + [.key(.tab, onCardScreen: false)] + "hunter2".map { password(.character($0)) }
            + [password(.backspace), password(.character("q"))]
        let text = ScriptWriter.write(entries: entries, startSize: Size(columns: 80, rows: 24))
        #expect(text.contains("type \"a1@b.nz\"\npress Tab\ntype \"${PASSWORD}\"\n"), "\(text)")
        #expect(!text.contains("hunter") && !text.contains("press q") && !text.contains("Backspace"), "\(text)")
    }

    @Test func cardDigitsBecomeVariables() {
        func typed(_ text: String) -> [KeyRecorder.Entry] {
            text.map { KeyRecorder.Entry.key(.character($0), onCardScreen: true) }
        }
        let tab = KeyRecorder.Entry.key(.tab, onCardScreen: true)
        var entries: [KeyRecorder.Entry] = [.wait("Card details")]
        entries += typed("Ana Smith") + [tab]
        entries += typed("4242424242424242") + [tab]
        entries += typed("1230") + [tab]
        entries += typed("123") + [KeyRecorder.Entry.key(.enter, onCardScreen: true)]
        let text = ScriptWriter.write(entries: entries, startSize: Size(columns: 80, rows: 24))
        #expect(!text.contains("4242"))
        #expect(!text.contains("\"123\""))
        #expect(text.contains("type \"Ana Smith\""))
        #expect(text.contains("type \"${CARD_NUMBER}\""))
        #expect(text.contains("type \"${CARD_EXPIRY}\""))
        #expect(text.contains("type \"${CARD_CVC}\""))
        #expect(text.contains("# card details were not recorded"))
        // A lone digit, a correction, or digits among letters on the card screen are no exception.
        let corrected = ScriptWriter.write(entries: [.wait("Card details")] + typed("4") + [tab] + typed("7")
                                           + [KeyRecorder.Entry.key(.backspace, onCardScreen: true)] + typed("4000 12a3"),
                                           startSize: Size(columns: 80, rows: 24))
        #expect(!corrected.contains("press 4") && !corrected.contains("press 7"), "\(corrected)")
        #expect(!corrected.contains("4000") && !corrected.contains("12a3"), "\(corrected)")
        #expect(corrected.contains("type \"${CARD_DIGITS}\""))
        // The recording parses once the variables are given.
        #expect(throws: Never.self) {
            try ScriptParser.parse(text, environment: ["CARD_NUMBER": "4242424242424242", "CARD_EXPIRY": "1230", "CARD_CVC": "123"])
        }
    }
}
