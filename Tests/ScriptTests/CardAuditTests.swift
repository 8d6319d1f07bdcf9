import Foundation
import StoreCore
import Testing
import TestSupport

/// Card hygiene end to end: checkouts through the real client with several test
/// cards, then every file the services and the client wrote — databases, mail,
/// logs, snapshots and their SVG pictures, JUnit and HTML reports, what it printed — is searched for the full card
/// numbers and CVCs. Only brand and last four may be anywhere.
@Suite struct CardAuditTests {
    struct TestCard {
        var number: String
        var cvc: String
        var approves: Bool
    }

    static let cards = [
        TestCard(number: "4242424242424242", cvc: "731", approves: true),
        TestCard(number: "5555555555554444", cvc: "852", approves: true),
        TestCard(number: "378282246310005", cvc: "7391", approves: true),
        TestCard(number: "4000000000000002", cvc: "264", approves: false),
        TestCard(number: "4000000000009995", cvc: "519", approves: false),
    ]

    /// The demo shopper puts a digital item in the cart and checks out as far as the card form.
    static let toCardDetails = """
        size 100x30
        wait "Featured"
        press s
        wait "1Password Families"
        press a
        wait "Cart: 1 item"
        press c
        wait "Subtotal"
        press Enter
        wait "Sign in with your email"
        type "demo@betterstore.test"
        press Tab
        type "betterdemo"
        press Enter
        wait "Review your order"
        press Enter
        wait "Card details"
        """

    /// A digital checkout as the demo shopper, with a snapshot of the filled card form.
    static func checkoutScript(_ card: TestCard) -> String {
        """
        \(toCardDetails)
        type "Demo Shopper"
        press Tab
        type "\(card.number)"
        press Tab
        type "1230"
        press Tab
        type "\(card.cvc)"
        snapshot card-form
        press Enter
        wait \(card.approves ? "/Order TBS-[A-Z0-9]{6} confirmed/" : "\"Payment unsuccessful\"") 15s
        snapshot outcome
        """
    }

    /// Fails on purpose while the card number field still has the focus, so the
    /// failure screen and the JUnit report are written with the number on screen.
    static let failingScript = """
        \(toCardDetails)
        press Tab
        type "4242424242424242"
        expect "this text is not on the card screen"
        """

    /// Runs `command` with its standard output in `output` and its standard error
    /// in `errors` (or beside the output when not given).
    private func run(_ command: String, output: URL, errors: URL? = nil) -> Int32 {
        let errorRedirect = errors.map { "2>\(TerminalPlayTests.shellQuoted($0.path))" } ?? "2>&1"
        let status = system("\(command) >\(TerminalPlayTests.shellQuoted(output.path)) \(errorRedirect) </dev/null")
        return (status >> 8) & 0xFF
    }

    private func files(under folder: URL) -> [URL] {
        let enumerator = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: [.isRegularFileKey])
        return (enumerator?.allObjects as? [URL] ?? []).filter {
            (try? $0.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true
        }
    }

    @Test(.enabled(if: TerminalPlayTests.binary != nil, "needs the built storefront binary"))
    func noCardNumberOrCVCIsWrittenAnywhere() throws {
        let folder = try ScratchFolder()
        let binary = TerminalPlayTests.shellQuoted(TerminalPlayTests.binary!)
        let data = folder.url.appendingPathComponent("data")
        let written = folder.url.appendingPathComponent("written")
        try FileManager.default.createDirectory(at: written, withIntermediateDirectories: true)

        for (index, card) in Self.cards.enumerated() {
            let script = try folder.write("scripts/checkout-\(index).keys", Self.checkoutScript(card))
            let status = run("\(binary) --script \(TerminalPlayTests.shellQuoted(script)) "
                + "--data-dir \(TerminalPlayTests.shellQuoted(data.path)) "
                + "--snapshots \(TerminalPlayTests.shellQuoted(written.appendingPathComponent("snapshots-\(index)").path)) --snapshot-format svg "
                + "--cast \(TerminalPlayTests.shellQuoted(written.appendingPathComponent("cast-\(index).cast").path))",
                output: written.appendingPathComponent("output-\(index).txt"))
            #expect(status == 0, "checkout with card \(index): \(folder.read("written/output-\(index).txt") ?? "")")
        }
        try folder.write("failing/card-on-screen.keys", Self.failingScript)
        let status = run("\(binary) test \(TerminalPlayTests.shellQuoted(folder.url.appendingPathComponent("failing").path)) "
            + "--junit \(TerminalPlayTests.shellQuoted(written.appendingPathComponent("report/junit.xml").path)) "
            + "--html \(TerminalPlayTests.shellQuoted(written.appendingPathComponent("report/index.html").path)) --snapshot-format svg",
            output: written.appendingPathComponent("test-output.txt"))
        #expect(status == 1)

        // The audit is only worth something if the runs left their traces.
        let everything = files(under: data) + files(under: written)
        #expect(everything.contains { $0.path.contains("maildir/new/") }, "no receipt was written")
        #expect(everything.contains { $0.lastPathComponent == "card-form.txt" }, "no card form snapshot")
        #expect(everything.contains { $0.lastPathComponent.hasSuffix(".failure.txt") }, "no failure screen")
        #expect(everything.filter { $0.pathExtension == "cast" }.count == Self.cards.count, "no casts")
        #expect(everything.contains { $0.lastPathComponent == "card-form.svg" }, "no card form picture")
        #expect(everything.contains { $0.lastPathComponent.hasSuffix(".failure.svg") }, "no failure picture")
        #expect(everything.contains { $0.lastPathComponent == "index.html" }, "no HTML report")
        for (index, card) in Self.cards.enumerated() {
            let form = everything.first { $0.path.contains("snapshots-\(index)/") && $0.lastPathComponent == "card-form.txt" }
            let text = try form.map { try String(contentsOf: $0, encoding: .utf8) } ?? ""
            let numberLine = text.split(separator: "\n").first { $0.contains("Card number") } ?? ""
            #expect(numberLine.contains("•") && !numberLine.contains { $0.isNumber },
                    "the card form's number is redacted, last four included: \(numberLine)")
        }

        for file in everything {
            let bytes = try Data(contentsOf: file)
            let text = String(decoding: bytes, as: UTF8.self)
            for card in Self.cards {
                #expect(!text.contains(card.number), "\(file.path) holds a full card number")
                #expect(bytes.range(of: Data(card.number.utf8)) == nil, "\(file.path) holds a full card number")
                #expect(!text.contains("\"\(card.cvc)\""), "\(file.path) holds a CVC")
                #expect(!text.contains("cvc=\(card.cvc)") && !text.contains("cvc: \(card.cvc)"), "\(file.path) holds a CVC")
            }
        }
    }

    // MARK: Whatever is typed into the card fields

    /// What is typed into the card fields, valid or not, complete or not.
    static let wrongNumber = "4111111111111112"      // fails Luhn
    static let shortNumber = "4000123"
    static let longNumber = "42424242424242424242"    // the field keeps the first 16
    static let validNumber = "5555555555554444"
    static let expiry = "0931"
    static let firstCVC = "482"
    static let secondCVC = "917"

    /// Every one of them goes through the number, expiry and CVC fields in turn, with
    /// a snapshot at each stage; the script ends by failing on purpose on the card
    /// screen with the number field focused, on an expectation that quotes a number it typed.
    static let cardFieldsScript = """
        \(toCardDetails)
        type "Demo Shopper"
        press Tab
        type "\(wrongNumber)"
        snapshot wrong-number
        press Backspace 16
        type "\(shortNumber)"
        press Tab
        type "\(expiry)"
        press Tab
        type "\(firstCVC)"
        snapshot short-number
        press BackTab BackTab Backspace 7
        type "\(longNumber)"
        snapshot long-number
        press Backspace 16
        type "\(validNumber)"
        press Tab Tab Backspace 3
        type "\(secondCVC)"
        snapshot valid-number
        press BackTab BackTab
        expect "Paid with \(groupedWrongNumber)"
        """

    static let groupedWrongNumber = "4111 1111 1111 1112"

    /// A written trace of each typed value: its digits with or without the spaces,
    /// slashes or dashes a screen groups them with. Short values must stand alone
    /// (not inside a longer number, a decimal such as a duration, or an id).
    static func traces(of value: String) throws -> NSRegularExpression {
        let digits = value.map(String.init).joined(separator: "[ /-]?")
        let pattern = value.count > 4 ? digits : "(?<![0-9A-Za-z.])\(digits)(?![0-9A-Za-z])"
        return try NSRegularExpression(pattern: pattern)
    }

    /// Types each of them in a script run headless, in `storefront test` (JUnit,
    /// failure screen, snapshots) and in a session recorded on a real terminal,
    /// then searches every file written and everything printed for each of them.
    @Test(.enabled(if: TerminalPlayTests.binary != nil && TerminalPlayTests.hasTmux, "needs tmux and the built storefront binary"))
    func nothingTypedIntoTheCardFieldsIsWrittenAnywhere() throws {
        let folder = try ScratchFolder()
        let binary = TerminalPlayTests.shellQuoted(TerminalPlayTests.binary!)
        let written = folder.url.appendingPathComponent("written")
        try FileManager.default.createDirectory(at: written, withIntermediateDirectories: true)
        func quoted(_ url: URL) -> String { TerminalPlayTests.shellQuoted(url.path) }

        // storefront test: summary, framed failure screen, failure file, JUnit, snapshots.
        let suite = try folder.write("suite/card-fields.keys", Self.cardFieldsScript)
        let testStatus = run("\(binary) test \(TerminalPlayTests.shellQuoted(suite)) --junit \(quoted(written.appendingPathComponent("report/junit.xml"))) "
                             + "--html \(quoted(written.appendingPathComponent("report/index.html"))) --snapshot-format svg "
                             + "--cast \(quoted(written.appendingPathComponent("report"))) "
                             + "--snapshots \(quoted(written.appendingPathComponent("test-snapshots")))",
                             output: written.appendingPathComponent("test-stdout.txt"),
                             errors: written.appendingPathComponent("test-stderr.txt"))
        #expect(testStatus == 1, "\(folder.read("written/test-stdout.txt") ?? "")")

        // storefront --script: the failure printed on standard error, snapshots in a folder of their own.
        let scriptStatus = run("\(binary) --script \(TerminalPlayTests.shellQuoted(suite)) --snapshots \(quoted(written.appendingPathComponent("script-snapshots"))) --snapshot-format svg "
                               + "--cast \(quoted(written.appendingPathComponent("script.cast")))",
                               output: written.appendingPathComponent("script-stdout.txt"),
                               errors: written.appendingPathComponent("script-stderr.txt"))
        #expect(scriptStatus == 1, "\(folder.read("written/script-stderr.txt") ?? "")")

        // storefront --record on a real terminal, keys typed as a person would.
        let recording = written.appendingPathComponent("recorded.keys")
        let shop = written.appendingPathComponent("shop")
        let command = "env TERM=xterm-256color XDG_DATA_HOME=\(quoted(folder.url)) XDG_CONFIG_HOME=\(quoted(folder.url)) "
            + "\(binary) --record \(quoted(recording)) --data-dir \(quoted(shop))"
        let session = try TmuxSession(command + TerminalPlayTests.exitMarker, size: Size(columns: 100, rows: 30))
        defer { session.stop() }
        func step(_ keys: [String], literally: Bool = false, until text: String) throws {
            for key in keys { try literally ? session.type(key) : session.press(key) }
            #expect(try session.waitFor(text, upTo: 15).met, "\(text) did not show:\n\((try? session.screen()) ?? "")")
        }
        try step([], until: "Featured")
        try step(["s"], until: "1Password Families")
        try step(["a"], until: "Cart: 1 item")
        try step(["c"], until: "Subtotal")
        try step(["Enter"], until: "Sign in with your email")
        try session.type("demo@betterstore.test")
        try session.press("Tab")
        try session.type("betterdemo")
        try step(["Enter"], until: "Review your order")
        try step(["Enter"], until: "Card details")
        try session.type("Demo Shopper")
        try session.press("Tab")
        try step([Self.wrongNumber], literally: true, until: "Not a valid card number")
        try session.press("BSpace")
        for _ in 1..<16 { try session.press("BSpace") }
        try session.type(Self.shortNumber)
        try session.press("Tab")
        try session.type(Self.expiry)
        try session.press("Tab")
        try step([Self.firstCVC], literally: true, until: "•••")
        try session.press("BTab", "BTab")
        for _ in 1...7 { try session.press("BSpace") }
        try session.type(Self.longNumber)
        for _ in 1...16 { try session.press("BSpace") }
        try step([Self.validNumber], literally: true, until: "Mastercard")
        try session.press("Tab", "Tab", "BSpace", "BSpace", "BSpace")
        try session.type(Self.secondCVC)
        try step(["C-c"], until: "[exit 0]")
        try folder.write("written/record-terminal.txt", try session.screen())

        // Everything in the folder but the script typed from.
        let everything = files(under: folder.url).filter { $0.resolvingSymlinksInPath().path != URL(fileURLWithPath: suite).resolvingSymlinksInPath().path }
        #expect(everything.count < files(under: folder.url).count, "the script itself is left out")
        #expect(everything.contains { $0.lastPathComponent == "junit.xml" }, "no JUnit report")
        #expect(everything.contains { $0.lastPathComponent.hasSuffix(".failure.txt") }, "no failure screen")
        #expect(everything.filter { $0.pathExtension == "cast" }.count == 2, "no casts")
        #expect(everything.filter { $0.lastPathComponent == "valid-number.txt" }.count == 2, "no snapshots")
        #expect(everything.filter { $0.lastPathComponent == "valid-number.svg" }.count == 2, "no snapshot pictures")
        #expect(everything.contains { $0.lastPathComponent.hasSuffix(".failure.svg") }, "no failure picture")
        #expect(everything.contains { $0.lastPathComponent == "index.html" }, "no HTML report")
        let recorded = folder.read("written/recorded.keys") ?? ""
        #expect(recorded.contains("${CARD_NUMBER}") && recorded.contains("${CARD_CVC}"), "recording:\n\(recorded)")
        // The failing expectation quoted a number typed into the form: its digits are gone from the message too.
        #expect((folder.read("written/script-stderr.txt") ?? "").contains("\"Paid with •••• •••• •••• ••••\" is not on screen"),
                "\(folder.read("written/script-stderr.txt") ?? "")")

        // Screens written anywhere show no digit at all inside a card field's box,
        // not even the part of a number the digit-run guard cannot recognise.
        let fieldLabels = ["Card number", "Expiry (MM/YY)", "CVC "]
        var fieldRows = 0
        // Casts hold screens as terminal output, not rows of text: the search for what was typed, below, covers them.
        for file in everything where file.pathExtension != "cast" {
            let text = String(decoding: try Data(contentsOf: file), as: UTF8.self)
            for row in text.components(separatedBy: "\n") where fieldLabels.contains(where: row.contains) {
                guard let open = row.firstIndex(of: "["), let close = row[open...].firstIndex(of: "]") else { continue }
                fieldRows += 1
                #expect(!row[open...close].contains { $0.isNumber }, "\(file.lastPathComponent): \(row)")
            }
        }
        #expect(fieldRows >= 30, "the card fields were written \(fieldRows) times")

        let typed = [Self.wrongNumber, Self.shortNumber, Self.longNumber, String(Self.longNumber.prefix(16)),
                     Self.validNumber, Self.expiry, Self.firstCVC, Self.secondCVC]
        for file in everything {
            let text = String(decoding: try Data(contentsOf: file), as: UTF8.self)
            for value in typed {
                let found = try Self.traces(of: value).firstMatch(in: text, range: NSRange(text.startIndex..., in: text))
                #expect(found == nil, "\(file.path) holds \(value):\n\(text)")
            }
        }
    }
}
