import Testing
import StoreCore

/// Blank required fields on the address and sign-up forms: marked, focused, nothing sent.
@Suite struct FormChecksTests {
    @Test func aBlankCityStopsTheAddressStepAndTakesTheFocus() {
        var harness = Harness.withCart([(Fixture.dune, 1)], signedIn: true)
        harness.press(.enter)
        #expect(harness.state.screen == .address)
        harness.state.checkout.address["city"] = "   "
        harness.press(.enter)
        #expect(harness.state.screen == .address)
        #expect(harness.state.checkout.address.errors == ["city": "Enter the city"])
        #expect(harness.state.checkout.address.focusedID == "city")
        #expect(harness.screen(100, 30).contains("Enter the city"))
    }

    @Test func aSignUpWithoutAnAddressNamesEachBlankField() {
        var harness = Harness.withCart([(Fixture.dune, 1)])
        harness.press(.enter, .control("n"))
        harness.type("ana@example.com")
        harness.press(.tab)
        harness.type("long enough")
        harness.press(.enter)
        #expect(harness.requests.isEmpty)
        let form = harness.state.signIn.form
        #expect(form.errors == ["name": "Enter your name", "line1": "Enter your street address",
                                "city": "Enter your city", "postcode": "Enter your postcode"])
        #expect(form.focusedID == "name")
    }
}
