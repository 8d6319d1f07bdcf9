import Testing
import StoreCore

@Suite struct KeymapTests {
    let keymap = Keymap.standard

    @Test func screenActionsWinOverGlobalOnes() {
        #expect(keymap.action(for: .enter, on: .cart) == .checkout)
        #expect(keymap.action(for: .enter, on: .catalogue) == .open)
        #expect(keymap.action(for: .enter, on: .card) == .placeOrder)
        #expect(keymap.action(for: .pageDown, on: .catalogue) == .nextPage)
        #expect(keymap.action(for: .pageDown, on: .cart) == .pageDown)
        #expect(keymap.action(for: .character("a"), on: .catalogue) == .add)
        #expect(keymap.action(for: .character("a"), on: .cart) == nil)
        #expect(keymap.action(for: .character("d"), on: .cart) == .remove)
        #expect(keymap.action(for: .character("q"), on: .orders) == .quit)
    }

    @Test func bindLinesReplaceTheDefaultKeys() throws {
        let keymap = try Keymap.parse("# my keys\nbind add = A Ctrl-A\n\nbind go-cart = F5  # cart\n")
        #expect(keymap.action(for: .character("A"), on: .catalogue) == .add)
        #expect(keymap.action(for: .control("a"), on: .product) == .add)
        #expect(keymap.action(for: .character("a"), on: .catalogue) == nil)
        #expect(keymap.action(for: .function(5), on: .home) == .goCart)
        #expect(keymap.action(for: .character("c"), on: .home) == nil)
    }

    @Test func badLinesNameTheirLineNumber() {
        #expect(throws: KeymapError.self) { try Keymap.parse("bind add = A\n\nbind ad = x") }
        do {
            _ = try Keymap.parse("bind add = A\n\nbind ad = x", file: "keys.conf")
            Issue.record("expected an error")
        } catch let error as KeymapError {
            #expect(error.line == 3)
            #expect(error.description.hasPrefix("keys.conf:3:"))
            #expect(error.message.contains("unknown action 'ad'"))
        } catch { Issue.record("unexpected \(error)") }
        do {
            _ = try Keymap.parse("bind add = Ctrl-")
            Issue.record("expected an error")
        } catch let error as KeymapError {
            #expect(error.line == 1)
            #expect(error.message.contains("unknown key 'Ctrl-'"))
        } catch { Issue.record("unexpected \(error)") }
        #expect(throws: KeymapError.self) { try Keymap.parse("theme = dark") }
        #expect(throws: KeymapError.self) { try Keymap.parse("bind add A") }
        #expect((try? Keymap.parse("theme = dark\nbind add = A", ignoringOtherLines: true)) != nil)
    }

    @Test func keyNamesMatchTheScriptLanguage() {
        #expect(KeyName.parse("PageDown") == .pageDown)
        #expect(KeyName.parse("BackTab") == .backTab)
        #expect(KeyName.parse("Ctrl-Z") == .control("z"))
        #expect(KeyName.parse("F12") == .function(12))
        #expect(KeyName.parse("Space") == .character(" "))
        #expect(KeyName.parse("x") == .character("x"))
        #expect(KeyName.parse("F13") == nil)
        #expect(KeyName.parse("Hyper") == nil)
        #expect(KeyName.parse("Return") == .enter)
        #expect(KeyName.parse("Escape") == .escape)
        #expect(KeyName.parse("PgUp") == .pageUp)
        #expect(KeyName.parse("C-x") == .control("x"))
        #expect(KeyName.parse("C-") == nil)
        #expect(KeyName.parse("Ctrl-1") == nil)
    }

    @Test func labelsAreShortWhereNamesAreLong() {
        let labels: [(Key, String)] = [
            (.character("q"), "q"), (.character(" "), "Space"), (.enter, "Enter"), (.escape, "Esc"), (.tab, "Tab"),
            (.backTab, "S-Tab"), (.up, "↑"), (.down, "↓"), (.left, "←"), (.right, "→"), (.pageUp, "PgUp"),
            (.pageDown, "PgDn"), (.home, "Home"), (.end, "End"), (.backspace, "Bksp"), (.delete, "Del"),
            (.function(5), "F5"), (.control("n"), "^N"),
        ]
        for (key, label) in labels { #expect(KeyName.label(key) == label) }
    }

    @Test func everyKeyNameReadsBackAsItsKey() {
        let keys: [Key] = [.character("q"), .character(" "), .enter, .escape, .tab, .backTab, .up, .down, .left, .right,
                           .pageUp, .pageDown, .home, .end, .backspace, .delete, .function(7), .control("c")]
        for key in keys { #expect(KeyName.parse(KeyName.name(key)) == key, "\(KeyName.name(key))") }
        #expect(KeyName.name(.control("n")) == "Ctrl-N")
        #expect(KeyName.name(.pageDown) == "PageDown")
    }

    @Test func helpOverlayListsEveryKeyOfTheScreenFromTheTable() {
        for screen in [ScreenID.cart, .catalogue, .product] {
            var harness = Harness.withCart([(Fixture.dune, 1)])
            harness.state.screen = screen
            harness.state.product.product = Fixture.dune
            harness.press(.character("?"))
            let text = harness.screen(160, 48)
            #expect(text.contains("Help — \(screen.title)"))
            for spec in harness.state.keymap.helpEntries(for: screen) {
                #expect(text.contains(spec.help), "help for \(screen) misses \(spec.action)")
            }
            // Another screen's own actions are not listed.
            if screen != .cart { #expect(!text.contains("Remove the selected cart line")) }
            harness.press(.escape)
            #expect(harness.state.overlay == nil)
        }
    }

    @Test func helpScrollsOnASmallTerminal() {
        var harness = Harness.withCart([(Fixture.dune, 1)])
        harness.press(.character("?"))
        let first = harness.screen(50, 15)
        #expect(first.contains("↓ more"))
        #expect(!first.contains("Quit at once"))
        for _ in 0..<30 { harness.press(.down) }
        let last = harness.screen(50, 15)
        #expect(last.contains("Quit at once"))
        #expect(!last.contains("↓ more"))
    }

    @Test func helpJumpsToItsEndsWithEndAndHome() {
        var harness = Harness.withCart([(Fixture.dune, 1)])
        harness.press(.character("?"), .end)
        let last = harness.screen(50, 15)
        #expect(last.contains("Quit at once"))
        #expect(!last.contains("↓ more"))
        harness.press(.home)
        let first = harness.screen(50, 15)
        #expect(first.contains("↓ more"))
        #expect(!first.contains("Quit at once"))
        #expect(harness.state.overlay != nil, "the overlay stays open")
    }

    @Test func helpAndFooterFollowRebinding() throws {
        let keymap = try Keymap.parse("bind add = A")
        var harness = Harness(keymap: keymap)
        harness.state.screen = .catalogue
        #expect(harness.screen(120, 30).split(separator: "\n").last?.contains("A add") == true)
        harness.press(.character("?"))
        let help = harness.screen(160, 48)
        #expect(help.contains("A"))
        #expect(help.split(separator: "\n").contains { $0.contains("A") && $0.contains("Add the selected product") })
    }

    @Test func footerShowsTheScreensMainKeys() {
        let harness = Harness.withCart([(Fixture.dune, 1)])
        let footer = harness.grid(80, 24).line(23)
        #expect(footer.contains("Enter checkout"))
        #expect(footer.contains("+- quantity"))
        #expect(footer.contains("d remove"))
        let narrow = harness.grid(50, 15).line(14)
        #expect(narrow.count <= 50)
        #expect(narrow.contains("+- quantity"))
    }
}
