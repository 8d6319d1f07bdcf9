import Testing
import StoreCore

@Suite struct BrowseTests {
    @Test func startLoadsFeaturedProductsForHome() {
        var harness = Harness()
        #expect(harness.requests == [.products(ProductQuery(featured: true))])
        #expect(harness.screen().contains("loading…"))
        harness.answer(.products(ProductQuery(featured: true)), .products(Fixture.page([Fixture.dune, Fixture.cafe])))
        let text = harness.screen()
        #expect(text.contains("Featured"))
        #expect(text.contains("Welcome to The Better Store"))
        #expect(text.contains("Dune"))
        #expect(text.contains("NZD 24.99"))
    }

    @Test func catalogueShowsPagesOf25FromTheServer() {
        var harness = Harness.inCatalogue(total: 61)
        #expect(harness.screen().contains("page 1 of 3 · 61 products"))
        harness.press(.character("n"))
        #expect(harness.requests == [.products(ProductQuery(offset: 25))])
        harness.answer(.products(ProductQuery(offset: 25)), .products(Fixture.page([Fixture.dune], total: 61, offset: 25)))
        #expect(harness.screen().contains("page 2 of 3 · 61 products"))
        harness.press(.pageUp)
        #expect(harness.requests == [.products(ProductQuery(offset: 0))])
    }

    @Test func anAnswerForAnOldQueryIsIgnored() {
        var harness = Harness.inCatalogue(total: 61)
        harness.press(.right)
        #expect(harness.requests == [.products(ProductQuery(category: "BOOKS"))])
        #expect(harness.state.catalogue.tab == 1)
        harness.press(.right)
        #expect(harness.requests == [.products(ProductQuery(category: "COMPUTERS"))])
        harness.answer(.products(ProductQuery(category: "COMPUTERS")), .products(Fixture.page([Fixture.laptop])))
        harness.answer(.products(ProductQuery(category: "BOOKS")), .products(Fixture.page([Fixture.dune])))
        #expect(harness.state.catalogue.page?.items == [Fixture.laptop])
        #expect(harness.screen().contains("Laptop Pro 14"))
    }

    @Test func searchTakesLettersAsText() {
        var harness = Harness.inCatalogue()
        harness.press(.character("/"))
        harness.type("csd")
        #expect(harness.state.screen == .catalogue)
        #expect(harness.requests.isEmpty)
        harness.press(.backspace, .backspace)
        harness.type("une")
        #expect(harness.screen().contains("Search:"))
        harness.press(.enter)
        #expect(harness.requests == [.products(ProductQuery(text: "cune"))])
        #expect(!harness.state.catalogue.searching)
        harness.press(.character("c"))
        #expect(harness.state.screen == .cart)
    }

    @Test func productDetailShowsStockAndChoosesQuantity() {
        var harness = Harness.inCatalogue()
        harness.press(.down, .down, .down, .down, .enter)
        #expect(harness.state.screen == .product)
        #expect(harness.requests == [.product(id: Fixture.threeBody.id)])
        var text = harness.screen()
        #expect(text.contains("Only 3 left"))
        #expect(text.contains("Author"))
        #expect(text.contains("worth reading twice"))
        harness.press(.character("+"), .character("+"))
        text = harness.screen()
        #expect(text.contains("Quantity: 3"))
        harness.press(.escape)
        #expect(harness.state.screen == .catalogue)
    }

    @Test func outOfStockCannotBeAdded() {
        var harness = Harness.inCatalogue()
        harness.press(.down, .down)
        #expect(harness.state.catalogue.selected == Fixture.laptop)
        harness.press(.character("a"))
        #expect(harness.requests.isEmpty)
        #expect(harness.screen().contains("out of stock"))
    }

    @Test func connectivityErrorsSayRetryAndRetryTheFailedRequest() {
        var harness = Harness()
        let featured = APIRequest.products(ProductQuery(featured: true))
        harness.fail(featured, Fixture.refused)
        #expect(harness.screen().contains("connection refused — r to retry"))
        #expect(harness.screen(50, 15).contains("connection refused — r to retry"))
        #expect(harness.flowingText().contains("Could not load the featured products (connection refused) — press r to retry."))
        #expect(harness.screen().contains("✗ Nothing is listening at 127.0.0.1:8080 (connection refused)"))
        harness.press(.character("r"))
        #expect(harness.requests == [featured])
        harness.answer(featured, .products(Fixture.page([Fixture.dune])))
        #expect(harness.screen().contains("● online"))
        #expect(!harness.screen().contains("refused"))
    }

    @Test func quitAndCtrlC() {
        var harness = Harness()
        #expect(harness.press(.character("q")) == [.quit])
        #expect(harness.press(.control("c")) == [.quit])
    }
}

@Suite struct ClockTests {
    @Test func noticesExpireWithTheClock() {
        var harness = Harness.withCart([(Fixture.dune, 1)])
        harness.press(.character("d"))
        harness.fail(harness.requests[0], Fixture.serviceError(404, type: "not_found", code: "no_line", "No such line."))
        #expect(harness.screen().contains("No such line."))
        harness.send(.tick(Fixture.now.addingTimeInterval(2)))
        #expect(harness.screen().contains("No such line."))
        harness.send(.tick(Fixture.now.addingTimeInterval(30)))
        #expect(!harness.screen().contains("No such line."))
    }

    @Test func resizeIsJustARedrawThatRemembersTheSize() {
        var harness = Harness.inCatalogue()
        var before = harness.state
        #expect(harness.send(.input(.resize(Size(columns: 50, rows: 15)))).isEmpty)
        before.terminalSize = Size(columns: 50, rows: 15)
        #expect(harness.state == before)
    }
}
