import Foundation
import StoreCore
import Testing
@testable import StorefrontApp

/// Each kind of mistake in a script names its line and is exit status 2.
@Suite struct ScriptParserErrorTests {
    private func error(in text: String) -> ScriptError? {
        do {
            _ = try ScriptParser.parse(text, file: "bad.keys", environment: [:])
            return nil
        } catch let error as ScriptError {
            return error
        } catch {
            return nil
        }
    }

    @Test(arguments: [
        ("size 80x24\nfrobnicate now", 2, "unknown command \"frobnicate\""),
        ("# comment\n\npress Down Hyper", 3, "unknown key name \"Hyper\""),
        ("type \"never closed", 1, "unterminated string"),
        ("size 80x24\nwait \"x\" soon", 2, "bad duration \"soon\""),
        ("sleep 10parsecs", 1, "bad duration"),
        ("size 80by24", 1, "bad size"),
        ("expect Featured", 1, "needs a quoted \"text\" or a /regex/"),
        ("wait /unclosed", 1, "unterminated regular expression"),
        ("expect /[a-/", 1, "bad regular expression"),
        ("press", 1, "at least one key"),
        ("type \"a\" extra", 1, "unexpected \"extra\""),
        ("type \"${MISSING}\"", 1, "${MISSING} is not set"),
        ("set speed 1s", 1, "unknown setting"),
        ("include \"nowhere.keys\"", 1, "no such file"),
    ])
    func namesTheLine(script: String, line: Int, message: String) throws {
        let found = try #require(error(in: script))
        #expect(found.location.line == line)
        #expect(found.message.contains(message), "\(found.message)")
        #expect(found.description.hasPrefix("bad.keys:\(line): "))
    }

    @Test func theCommandLineExitsWithStatusTwo() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("bad-\(UUID().uuidString).keys")
        try "size 80x24\npress Hyper\n".write(to: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: file) }
        #expect(StorefrontMain.run(arguments: ["--script", file.path, "--api", "http://127.0.0.1:9"]) == 2)
    }
}

@Suite struct ScriptParserTests {
    @Test func readsEveryCommand() throws {
        let script = try ScriptParser.parse("""
        # a comment line
        size 100x30            # trailing comment
        wait "Featured" 10s
        press s Down*2 Enter Ctrl-C F5 Space
        press j 3
        type "a \\"quoted\\" #word\\n"
        expect /Total: NZD \\d+\\.\\d\\d/
        expect-not "Error"
        resize 60x20
        snapshot cart-page
        sleep 200ms
        mask /TBS-[A-Z0-9]+/
        set timeout 2s
        """, file: "all.keys", environment: [:])
        let lines = script.steps.map(\.location.line)
        #expect(lines == [2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13])
        guard case .press(let keys) = script.steps[2].command else { Issue.record("not press"); return }
        #expect(keys == [.character("s"), .down, .down, .enter, .control("c"), .function(5), .character(" ")])
        guard case .press(let repeated) = script.steps[3].command else { Issue.record("not press"); return }
        #expect(repeated == [.character("j"), .character("j"), .character("j")])
        guard case .type(let text) = script.steps[4].command else { Issue.record("not type"); return }
        #expect(text == "a \"quoted\" #word\n")
        guard case .wait(let pattern, let timeout) = script.steps[1].command else { Issue.record("not wait"); return }
        #expect(pattern.matches("x Featured y"))
        #expect(timeout == 10)
        guard case .expect(let regex) = script.steps[5].command else { Issue.record("not expect"); return }
        #expect(regex.matches("Total: NZD 24.99"))
        #expect(!regex.matches("Total: NZD 24"))
    }

    @Test func envVariablesExpandInStrings() throws {
        let script = try ScriptParser.parse("env WHO \"Ana\"\ntype \"hi ${WHO} ${HOME_TOWN}\"",
                                            environment: ["HOME_TOWN": "Napier"])
        guard case .type(let text) = script.steps.first?.command else { Issue.record("not type"); return }
        #expect(text == "hi Ana Napier")
    }

    @Test func blanksAroundALineAreUnicodeWhiteSpace() throws {
        let script = try ScriptParser.parse("\t\u{00A0}press q\u{3000} \u{2028}\n  \t  ", environment: [:])
        #expect(script.steps.count == 1)
        #expect(script.steps.first?.text == "press q")
        #expect(ScriptParser.trimmed("\u{85}\u{2009}type \"a b\"\u{202F}\u{0B}") == "type \"a b\"")
        #expect(ScriptParser.trimmed(" \t ") == "")
    }

    @Test func runIDIsOneValuePerRunAndNewForTheNext() throws {
        func typed(_ text: String) throws -> [String] {
            try ScriptParser.parse(text, environment: ["RUN_ID": "from-the-environment"]).steps.compactMap {
                if case .type(let text) = $0.command { return text } else { return nil }
            }
        }
        let first = try typed("type \"${RUN_ID}\"\ntype \"${RUN_ID}\"")
        let second = try typed("type \"${RUN_ID}\"")
        #expect(first[0] == first[1] && first[0].wholeMatch(of: #/[a-z0-9]{12}/#) != nil, "\(first)")
        #expect(second[0] != first[0], "a new run, a new value")
        #expect(try typed("env RUN_ID \"fixed\"\ntype \"${RUN_ID}\"") == ["fixed"], "a script may set it")
    }

    @Test func includeSplicesAnotherFileAndKeepsItsLineNumbers() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("inc-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        try "press s\n\npress Hyper\n".write(to: directory.appendingPathComponent("common.keys"), atomically: true, encoding: .utf8)
        try "size 80x24\ninclude common.keys\n".write(to: directory.appendingPathComponent("main.keys"), atomically: true, encoding: .utf8)
        #expect(throws: ScriptError.self) { try ScriptParser.parse(file: directory.appendingPathComponent("main.keys").path) }
        do {
            _ = try ScriptParser.parse(file: directory.appendingPathComponent("main.keys").path)
        } catch let error as ScriptError {
            #expect(error.location.file.hasSuffix("common.keys"))
            #expect(error.location.line == 3)
        }
        try "press s\n".write(to: directory.appendingPathComponent("common.keys"), atomically: true, encoding: .utf8)
        let script = try ScriptParser.parse(file: directory.appendingPathComponent("main.keys").path)
        #expect(script.steps.count == 2)
        #expect(script.steps[1].location.file.hasSuffix("common.keys"))
    }

    @Test func includeCycleIsAnError() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("cyc-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        try "include b.keys\n".write(to: directory.appendingPathComponent("a.keys"), atomically: true, encoding: .utf8)
        try "include a.keys\n".write(to: directory.appendingPathComponent("b.keys"), atomically: true, encoding: .utf8)
        #expect(throws: ScriptError.self) { try ScriptParser.parse(file: directory.appendingPathComponent("a.keys").path) }
    }
}

@Suite struct CardNumberGuardTests {
    @Test func replacesLuhnValidRunsOnly() {
        let text = "card 4242 4242 4242 4242 and 4242424242424242, order 1234567890123 total 12"
        let redacted = CardNumberGuard.redact(text)
        #expect(!redacted.contains("4242"))
        #expect(redacted.contains("•••• •••• •••• ••••"))
        #expect(redacted.contains("1234567890123"), "not Luhn-valid, kept")
        #expect(redacted.contains("total 12"))
    }

    @Test func snapshotsNeverHoldACardNumber() {
        let prepared = SnapshotStore.prepare("Card: 4000000000000002\nOrder TBS-7Q4K2M", masks: [
            try! NSRegularExpression(pattern: "TBS-[A-Z0-9]+"),
        ])
        #expect(!prepared.contains("4000000000000002"))
        #expect(prepared.contains("Order ##########"))
    }
}

@Suite struct TypedCardDigitsTests {
    @Test func digitsTypedIntoTheCardFormAreRedactedHoweverGrouped() {
        let typed = ["4111111111111112", "0931", "917", "Ana 12"]
        let text = "expect \"Paid with 4111 1111 1111 1112\", 4111-1111-1111-1112, 09/31, CVC 917, row 12"
        let redacted = CardNumberGuard.redact(text, typed: typed)
        #expect(redacted == "expect \"Paid with •••• •••• •••• ••••\", ••••-••••-••••-••••, ••/••, CVC •••, row 12")
    }
}
