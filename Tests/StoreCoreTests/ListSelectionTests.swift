import Testing
import StoreCore

/// Moving the highlight in the lists of the catalogue and the cart, which share one rule.
@Suite struct ListSelectionTests {
    @Test func catalogueHighlightMovesByOneAndToEitherEnd() {
        var harness = Harness.inCatalogue()
        #expect(harness.state.screen == .catalogue)
        harness.press(.end)
        #expect(harness.state.catalogue.selection == 4)
        harness.press(.down)
        #expect(harness.state.catalogue.selection == 4)
        harness.press(.up)
        #expect(harness.state.catalogue.selection == 3)
        harness.press(.home)
        #expect(harness.state.catalogue.selection == 0)
        harness.press(.up)
        #expect(harness.state.catalogue.selection == 0)
        harness.press(.character("j"), .character("j"), .character("k"))
        #expect(harness.state.catalogue.selection == 1)
    }

    @Test func cartHighlightPagesWithinTheLines() {
        var harness = Harness.withCart([(Fixture.dune, 1), (Fixture.cafe, 2), (Fixture.threeBody, 1)])
        #expect(harness.state.screen == .cart)
        harness.press(.pageDown)
        #expect(harness.state.cart.selection == 2)
        harness.press(.pageUp)
        #expect(harness.state.cart.selection == 0)
        harness.press(.end, .up)
        #expect(harness.state.cart.selection == 1)
    }

    @Test func anEmptyListKeepsTheHighlightAtTheTop() {
        var harness = Harness.withCart([])
        harness.press(.end)
        #expect(harness.state.cart.selection == 0)
        harness.press(.pageDown, .down)
        #expect(harness.state.cart.selection == 0)
    }
}
