import Foundation
import Testing
import StoreCore

/// What a new shopper noticed first: signing out, formats in every list, a
/// footer that matches what keys do while typing, and lists that say why
/// they are empty.
@Suite struct SignOutTests {
    @Test func signingOutForgetsTheShopperAndTheirCartAndSaysSo() {
        var harness = Harness.withCart([(Fixture.dune, 2)], signedIn: true)
        harness.press(.character("h"))
        #expect(harness.screen(100, 30).contains("L sign out"))
        harness.press(.character("L"))
        #expect(harness.state.session == nil)
        #expect(harness.state.screen == .home)
        #expect(harness.state.cart.cart == nil, "the shopper's cart stays on their account, not on this screen")
        let screen = harness.screen(100, 30)
        #expect(screen.contains("Signed out of \(Fixture.session.user.email)"))
        #expect(screen.contains("Not signed in"))
        #expect(!screen.contains("L sign out"), "nobody to sign out")
        harness.press(.character("L"))
        #expect(harness.requests.isEmpty && harness.state.overlay == nil)
    }

    @Test func signingOutDuringCheckoutAsksFirst() {
        var harness = Harness.withCart([(Fixture.dune, 1)], signedIn: true)
        harness.press(.enter)
        if harness.state.screen == .address { harness.press(.enter) }
        #expect(harness.state.screen == .review)
        let attempt = harness.state.checkout.attempt
        harness.press(.character("L"))
        #expect(harness.screen().contains("Leave checkout and sign out? y/n"))
        harness.press(.character("n"))
        #expect(harness.state.session != nil && harness.state.screen == .review)
        harness.press(.character("L"))
        harness.press(.character("y"))
        #expect(harness.state.session == nil)
        #expect(harness.state.screen == .home)
        #expect(harness.state.checkout.address["line1"].isEmpty, "the address filled in for the order is gone")
        #expect(harness.state.checkout.attempt > attempt, "the next order is sent with a key never used before")
    }

    @Test func anAnswerForTheShopperWhoSignedOutIsDropped() {
        var harness = Harness.withCart([(Fixture.dune, 1)], signedIn: true)
        harness.press(.character("o"))
        let ordersRequest = harness.requests.first
        #expect(ordersRequest != nil)
        harness.press(.character("h"))
        harness.press(.character("L"))
        if let ordersRequest { harness.answer(ordersRequest, .orders([Fixture.order(status: .paid)])) }
        #expect(harness.state.orders.list.isEmpty)
    }
}

@Suite struct ListFormatTests {
    @Test func anEbookAndItsPaperbackNeverLookAlike() {
        var harness = Harness.withCart([(Fixture.dune, 1), (Fixture.ebook, 1)])
        let cart = harness.screen(100, 30)
        #expect(cart.contains("\(Fixture.ebook.name) · digital"))
        #expect(!cart.contains("\(Fixture.dune.name) · digital"))
        harness.press(.character("s"))
        // Beside the detail pane the list has no stock column: the name carries the format.
        #expect(harness.screen(100, 30).contains("\(Fixture.ebook.name) · digital"))
    }

    @Test func aCutNameKeepsItsFormat() {
        let name = ProductKind.digital.listedName("The Pragmatic Programmer: Your Journey to Mastery", fitting: 30)
        #expect(name.hasSuffix(" · digital"))
        #expect(DisplayWidth.of(name) <= 30)
        #expect(ProductKind.physical.listedName("Dune", fitting: 30) == "Dune")
        #expect(DisplayWidth.of(ProductKind.digital.listedName("三体三体三体三体三体三体", fitting: 12)) <= 12)
    }
}

@Suite struct TypingFooterTests {
    @Test func whileTypingASearchTheFooterOffersOnlyWhatWorks() {
        var harness = Harness.inCatalogue()
        harness.press(.character("/"))
        let footer = harness.screen(100, 30).split(separator: "\n").last.map(String.init) ?? ""
        #expect(footer.contains("Enter search"))
        #expect(footer.contains("Esc cancel"))
        #expect(footer.contains("F1 help"))
        for typed in ["a add", "c cart", "q quit", "? help", "n/p page"] {
            #expect(!footer.contains(typed), "\(typed) would type a letter")
        }
    }

    @Test func formsOfferNoKeyThatWouldBeTyped() {
        var harness = Harness.withCart([(Fixture.dune, 1)])
        harness.press(.enter)
        #expect(harness.state.screen == .signIn)
        let footer = harness.screen(100, 30).split(separator: "\n").last.map(String.init) ?? ""
        #expect(footer.contains("Enter continue"))
        #expect(footer.contains("F1 help"))
        #expect(!footer.contains("? help"))
    }
}

@Suite struct EmptyListReasonTests {
    @Test func aCatalogueThatCouldNotLoadSaysWhyAndHowToRetry() {
        var harness = Harness()
        harness.press(.character("s"))
        let request = harness.requests.first { if case .products = $0 { return true }; return false }
        #expect(request != nil)
        guard let request else { return }
        harness.fail(request, Fixture.refused)
        #expect(harness.screen().contains("Could not load the catalogue (connection refused) — press r to retry."))
        #expect(harness.flowingText(100, 30).contains("Could not load the catalogue (connection refused) — press r to retry."),
                "beside the detail pane the reason wraps")
        harness.press(.character("r"))
        #expect(harness.requests.contains(request))
        #expect(harness.screen(100, 30).contains("loading…"))
    }

    @Test func aServerErrorOnALoadIsRetriedToo() {
        var harness = Harness()
        harness.press(.character("s"))
        guard let request = harness.requests.first(where: { if case .products = $0 { return true }; return false }) else {
            Issue.record("no products request"); return
        }
        harness.fail(request, Fixture.serviceError(503, type: "api_error", code: "store_unavailable", "The product store is unavailable."))
        #expect(harness.flowingText().contains("Could not load the catalogue (The product store is unavailable.) — press r to retry."))
        #expect(harness.screen().contains("r retry"), "the footer offers it")
        harness.press(.character("r"))
        #expect(harness.requests == [request])
    }

    @Test func ordersThatCouldNotLoadDoNotSayLoadingForever() {
        var harness = Harness.withCart([(Fixture.dune, 1)], signedIn: true)
        harness.press(.character("o"))
        guard let request = harness.requests.first(where: { if case .orders = $0 { return true }; return false }) else {
            Issue.record("no orders request"); return
        }
        harness.fail(request, .timedOut)
        #expect(harness.flowingText().contains("Could not load your orders (store timed out) — press r to retry."))
    }
}

extension Harness {
    /// The screen's words in reading order, frames and line breaks taken out,
    /// so a sentence wrapped inside a box reads as one.
    func flowingText(_ columns: Int = 80, _ rows: Int = 24) -> String {
        let frame = Set("│┌┐└┘─")
        return screen(columns, rows).split(separator: "\n")
            .map { String($0.map { frame.contains($0) ? " " : $0 }).trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty }
            .joined(separator: " ")
    }
}
