import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Chooses the character encoding curses draws with. Wide-character curses
/// needs a UTF-8 locale to draw accented and CJK names; with none configured
/// (LANG unset or "C", common in containers, CI and bare ssh sessions) the
/// process would get plain ASCII, so it takes C.UTF-8 instead. A locale the
/// user chose on purpose is left as it is.
enum TerminalLocale {
    static func adopt(environment: [String: String]) {
        setlocale(LC_ALL, "")
        guard !usesUTF8, isUnconfigured(environment) else { return }
        for candidate in ["C.UTF-8", "C.utf8", "en_US.UTF-8"] where setlocale(LC_CTYPE, candidate) != nil {
            return
        }
    }

    static var usesUTF8: Bool {
        guard let codeset = nl_langinfo(nl_item(CODESET)) else { return false }
        let name = String(cString: codeset).uppercased()
        return name == "UTF-8" || name == "UTF8"
    }

    /// True when the character type comes from no setting, or from "C"/"POSIX".
    static func isUnconfigured(_ environment: [String: String]) -> Bool {
        let setting = ["LC_ALL", "LC_CTYPE", "LANG"].lazy.compactMap { environment[$0] }.first { !$0.isEmpty }
        guard let setting else { return true }
        return setting == "C" || setting == "POSIX"
    }
}
