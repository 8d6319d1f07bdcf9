import Foundation
import StoreCore
import Testing
@testable import StorefrontApp

/// Every count, size and duration of a script is bounded (`ScriptLimits`): one
/// past a bound is a script error naming the file and line, exit status 2.
@Suite struct ScriptLimitTests {
    private func error(in text: String) -> ScriptError? {
        do {
            _ = try ScriptParser.parse(text, file: "big.keys", environment: ["LONG": String(repeating: "x", count: 6_000)])
            return nil
        } catch let error as ScriptError {
            return error
        } catch {
            return nil
        }
    }

    private static func lines(_ count: Int, _ line: (Int) -> String) -> String {
        (1...count).map(line).joined(separator: "\n")
    }

    @Test(arguments: [
        ("size 80x24\npress Down 1000000000", 2, "repeat count 1000000000 is out of range (1–500)"),
        ("press Down 501", 1, "repeat count 501 is out of range"),
        ("press Down*100000", 1, "repeat count 100000 is out of range"),
        ("press Down*0", 1, "repeat count 0 is out of range"),
        ("press Down 500 Up 500 Left 500 Right 500 Enter", 1, "press sends more than 2000 keys"),
        ("size 1001x30", 1, "bad size \"1001x30\""),
        ("size 80x24\nresize 100x501", 2, "with 1–1000 columns and 1–500 rows"),
        ("size 0x0", 1, "bad size"),
        ("sleep 11m", 1, "duration 11m is longer than 10 minutes"),
        ("wait \"x\" 601s", 1, "duration 601s is longer than 10 minutes"),
        ("set timeout 99999999999999999999s", 1, "longer than 10 minutes"),
        ("set pace 10.5m", 1, "longer than 10 minutes"),
        ("type \"" + String(repeating: "a", count: 10_001) + "\"", 1, "string is longer than 10000 characters"),
        ("env A \"${LONG}\"\ntype \"${A}${A}\"", 2, "string is longer than 10000 characters"),
        ("expect /" + String(repeating: "a", count: 2_001) + "/", 1, "regular expression is longer than 2000 characters"),
        ("env BIG " + String(repeating: "b", count: 10_001), 1, "env BIG is longer than 10000 characters"),
        (lines(201) { "env V\($0) 1" }, 201, "more than 200 variables set by env"),
        (lines(101) { "mask /m\($0)/" }, 101, "more than 100 mask lines"),
        ("snapshot ../../etc/x", 1, "bad snapshot name \"../../etc/x\""),
        ("snapshot \"../x\"", 1, "bad snapshot name"),
        ("snapshot " + String(repeating: "n", count: 101), 1, "bad snapshot name"),
        (lines(20_001) { _ in "# a comment" }, 20_001, "more than 20000 lines"),
    ])
    func eachLimitNamesTheLine(script: String, line: Int, message: String) throws {
        let found = try #require(error(in: script))
        #expect(found.location.line == line)
        #expect(found.message.contains(message), "\(found.message)")
        #expect(found.description.hasPrefix("big.keys:\(line): "))
    }

    @Test func theLimitsStillLetEveryBoundItselfThrough() throws {
        let script = try ScriptParser.parse("""
            size 1000x500
            press Down 500 Up*500 Left 500 Right 500
            sleep 10m
            wait "x" 600s
            type "\(String(repeating: "a", count: 10_000))"
            snapshot \(String(repeating: "n", count: 100))
            """, environment: [:])
        #expect(script.steps.count == 6)
    }

    @Test func aScriptLargerThanTheLimitIsRefused() throws {
        let folder = try ScratchFolder()
        let big = try folder.write("big.keys", String(repeating: "# padding line\n", count: ScriptLimits.fileBytes / 15 + 1))
        let found = try #require(throws: ScriptError.self) { try ScriptParser.parse(file: big) }
        #expect(found.message.contains("larger than 1000000 bytes"))
        #expect(found.location.file == big)
        // A device never ends: it is not read at all.
        try folder.write("device.keys", "size 80x24\ninclude /dev/zero\n")
        let device = try #require(throws: ScriptError.self) { try ScriptParser.parse(file: folder.path + "/device.keys") }
        #expect(device.location.line == 2 && device.message.contains("cannot read script /dev/zero"))
    }

    @Test func aScriptIncludingItselfByAnyNameIsACycle() throws {
        let folder = try ScratchFolder()
        let path = try folder.write("self.keys", "press s\ninclude ./self.keys\n")
        let found = try #require(throws: ScriptError.self) { try ScriptParser.parse(file: path) }
        #expect(found.location.line == 2 && found.message.contains("include cycle"), "\(found)")
    }

    @Test func includesAreCountedAndTheirDepthBounded() throws {
        let folder = try ScratchFolder()
        try folder.write("piece.keys", "press s\n")
        let many = try folder.write("many.keys", Self.lines(201) { _ in "include piece.keys" })
        let found = try #require(throws: ScriptError.self) { try ScriptParser.parse(file: many) }
        #expect(found.location.line == 201 && found.message.contains("more than 200 include lines"), "\(found)")

        for level in 0..<20 { try folder.write("deep-\(level).keys", "include deep-\(level + 1).keys\n") }
        try folder.write("deep-20.keys", "press s\n")
        let deep = try #require(throws: ScriptError.self) { try ScriptParser.parse(file: folder.path + "/deep-0.keys") }
        #expect(deep.message.contains("includes nest more than 16 deep"), "\(deep)")
        #expect(deep.location.file.hasSuffix("deep-16.keys") && deep.location.line == 1, "\(deep)")
    }

    @Test func theCommandLineSaysWhereAndExitsWithStatusTwo() throws {
        let folder = try ScratchFolder()
        let path = try folder.write("huge.keys", "size 80x24\npress Down 1000000000\n")
        #expect(StorefrontMain.run(arguments: ["--script", path, "--api", "http://127.0.0.1:9"]) == 2)
        var printed: [String] = []
        _ = TestCommand.run(arguments: [path, "--api", "http://127.0.0.1:9"], output: { printed.append($0) })
        #expect(printed.contains { $0.hasPrefix("FAIL \(path):2: repeat count 1000000000 is out of range") }, "\(printed)")
    }
}
