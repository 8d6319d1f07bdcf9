import Foundation
import Testing

/// Card hygiene end to end: checkouts through the real client with several test
/// cards, then every file the services and the client wrote — databases, mail,
/// logs, snapshots, reports, what it printed — is searched for the full card
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

    private func run(_ command: String, output: URL) -> Int32 {
        let status = system("\(command) >\(TerminalPlayTests.shellQuoted(output.path)) 2>&1 </dev/null")
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
                + "--snapshots \(TerminalPlayTests.shellQuoted(written.appendingPathComponent("snapshots-\(index)").path))",
                output: written.appendingPathComponent("output-\(index).txt"))
            #expect(status == 0, "checkout with card \(index): \(folder.read("written/output-\(index).txt") ?? "")")
        }
        try folder.write("failing/card-on-screen.keys", Self.failingScript)
        let status = run("\(binary) test \(TerminalPlayTests.shellQuoted(folder.url.appendingPathComponent("failing").path)) "
            + "--junit \(TerminalPlayTests.shellQuoted(written.appendingPathComponent("report/junit.xml").path))",
            output: written.appendingPathComponent("test-output.txt"))
        #expect(status == 1)

        // The audit is only worth something if the runs left their traces.
        let everything = files(under: data) + files(under: written)
        #expect(everything.contains { $0.path.contains("maildir/new/") }, "no receipt was written")
        #expect(everything.contains { $0.lastPathComponent == "card-form.txt" }, "no card form snapshot")
        #expect(everything.contains { $0.lastPathComponent.hasSuffix(".failure.txt") }, "no failure screen")
        for (index, card) in Self.cards.enumerated() {
            let form = everything.first { $0.path.contains("snapshots-\(index)/") && $0.lastPathComponent == "card-form.txt" }
            let text = try form.map { try String(contentsOf: $0, encoding: .utf8) } ?? ""
            let numberLine = text.split(separator: "\n").first { $0.contains("Card number") } ?? ""
            #expect(numberLine.contains("•") && numberLine.contains(card.number.suffix(4)),
                    "the card form shows the last four, masked: \(numberLine)")
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
}
