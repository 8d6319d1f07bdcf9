@testable import StoreTerminal
import Testing

/// Which environments count as "no locale chosen", where the terminal takes
/// C.UTF-8 so accented and CJK names can be drawn.
@Suite struct TerminalLocaleTests {
    @Test(arguments: [
        [:],
        ["LANG": "C"],
        ["LANG": ""],
        ["LC_ALL": "POSIX"],
        ["LANG": "en_NZ.UTF-8", "LC_ALL": "C"],
    ])
    func noChosenLocaleIsUnconfigured(environment: [String: String]) {
        #expect(TerminalLocale.isUnconfigured(environment))
    }

    @Test(arguments: [
        ["LANG": "en_NZ.UTF-8"],
        ["LANG": "de_DE.ISO-8859-1"],
        ["LC_CTYPE": "ja_JP.eucJP", "LANG": "C"],
        ["LANG": "C", "LC_ALL": "C.UTF-8"],
    ])
    func aChosenLocaleIsKept(environment: [String: String]) {
        #expect(!TerminalLocale.isUnconfigured(environment))
    }
}
