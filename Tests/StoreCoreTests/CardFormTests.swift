import Foundation
import Testing
import StoreCore

@Suite struct CardFormTests {
    static func form(number: String = "", expiry: String = "", cvc: String = "", name: String = "") -> CardForm {
        var card = CardForm()
        card.form["name"] = name
        card.form["number"] = number
        card.form["expiry"] = expiry
        card.form["cvc"] = cvc
        return card
    }

    @Test func numberIsGroupedAsTypedWithTheBrand() {
        #expect(Self.form(number: "4242424242").groupedNumber == "4242 4242 42")
        let amex = Self.form(number: "378282246310005")
        #expect(amex.brand == .amex)
        #expect(amex.groupedNumber == "3782 822463 10005")
        #expect(amex.maskedNumber == "•••• •••••• •0005")
        #expect(Self.form(number: "4242424242424242").maskedNumber == "•••• •••• •••• 4242")
        #expect(Self.form(number: "5555555555554444").brand == .mastercard)
    }

    @Test func typingStopsAtTheBrandsLength() {
        var card = CardForm()
        card.form.focus(on: "number")
        for character in "37828224631000599" { card.type(character) }
        #expect(card.digits == "378282246310005")
        card.form.focus(on: "cvc")
        for character in "12345" { card.type(character) }
        #expect(card.form["cvc"] == "1234")
        card.form.focus(on: "expiry")
        for character in "1a2/29" { card.type(character) }
        #expect(card.form["expiry"] == "1229")
        #expect(card.expiryText == "12/29")
    }

    @Test func luhnIsCheckedAsTyped() {
        #expect(Self.form(number: "4242424242424241").error(for: "number", now: Fixture.now)?.contains("Not a valid card number") == true)
        #expect(Self.form(number: "4242424242424242").error(for: "number", now: Fixture.now) == nil)
        // Incomplete numbers are only an error once the field is left.
        var card = Self.form(number: "424242")
        #expect(card.error(for: "number", now: Fixture.now) == nil)
        card.form.visitAll()
        #expect(card.error(for: "number", now: Fixture.now)?.contains("16 digits") == true)
        #expect(Self.form(number: "9999").error(for: "number", now: Fixture.now)?.contains("Unknown card type") == true)
    }

    @Test func expiryMustBeAMonthNotPast() {
        // Fixture.now is September 2026.
        #expect(Self.form(expiry: "0826").error(for: "expiry", now: Fixture.now) == "This card has expired")
        #expect(Self.form(expiry: "0926").error(for: "expiry", now: Fixture.now) == nil)
        #expect(Self.form(expiry: "1329").error(for: "expiry", now: Fixture.now) == "Month must be 01 to 12")
        #expect(Self.form(expiry: "0125").error(for: "expiry", now: Fixture.now) == "This card has expired")
        let later = Fixture.now.addingTimeInterval(366 * 24 * 3600)
        #expect(Self.form(expiry: "0926").error(for: "expiry", now: later) == "This card has expired")
    }

    @Test func cvcLengthFollowsTheBrand() {
        var amex = Self.form(number: "378282246310005", cvc: "123")
        amex.form.visitAll()
        #expect(amex.error(for: "cvc", now: Fixture.now) == "CVC is 4 digits for American Express")
        var visa = Self.form(number: "4242424242424242", cvc: "12")
        visa.form.visitAll()
        #expect(visa.error(for: "cvc", now: Fixture.now) == "CVC is 3 digits")
    }

    @Test func detailsOnlyWhenEverythingIsRight() {
        let good = Self.form(number: "4242424242424242", expiry: "1229", cvc: "123", name: "Ana Smith")
        #expect(good.details(now: Fixture.now) == CardDetails(number: "4242424242424242", expMonth: 12, expYear: 2029,
                                                             cvc: "123", name: "Ana Smith"))
        #expect(Self.form(number: "4242424242424242", expiry: "1229", cvc: "123").details(now: Fixture.now) == nil)
        #expect(CardForm.field(forParam: "card.exp_month") == "expiry")
        #expect(CardForm.field(forParam: "number") == "number")
    }

    @Test func theNumberIsMaskedOnScreenOnceTheFieldIsLeftAndNeverInDescriptions() {
        var harness = CheckoutTests.onCardScreen()
        harness.press(.backTab, .backTab)
        #expect(harness.state.checkout.card.form.focusedID == "number")
        let focused = harness.screen()
        #expect(focused.contains("4242 4242 4242 4242"))
        #expect(focused.contains("Visa"))
        harness.press(.tab)
        for size in [Size(columns: 80, rows: 24), Size(columns: 50, rows: 15), Size(columns: 160, rows: 48)] {
            let text = Storefront.view(harness.state, size: size).text
            #expect(text.contains("•••• •••• •••• 4242") || size.columns < 60)
            #expect(!text.contains("4242 4242"))
            #expect(!text.contains("42424242"))
            #expect(!text.contains("123"), "the CVC is drawn")
        }
        harness.press(.enter)
        harness.answer(harness.requests[0], .order(Fixture.order()))
        // The payment request is in flight: still nothing in any description of the state.
        for text in [String(describing: harness.state), String(reflecting: harness.state), harness.screen()] {
            #expect(!text.contains("4242424242424242"))
            #expect(!text.contains("4242 4242 4242 4242"))
        }
        var dumped = ""
        dump(harness.state, to: &dumped)
        #expect(dumped.contains("Visa •••• 4242"))
        #expect(!dumped.contains("4242424242424242"))
        #expect(!dumped.contains("cvc: \"123\""))
        harness.fail(harness.requests[0], Fixture.serviceError(402, type: "card_error", code: "card_declined",
                                                               "Your card was declined."))
        #expect(!harness.screen().contains("4242"))
    }

    @Test func fieldsSayWhatIsWrongNextToThem() {
        var harness = CheckoutTests.onCardScreen(number: "4242424242424241")
        let lines = harness.screen(120, 30).split(separator: "\n")
        #expect(lines.contains { $0.contains("Card number") && $0.contains("Not a valid card number") })
        #expect(harness.press(.enter).isEmpty)
        #expect(harness.state.screen == .card)
        #expect(harness.state.checkout.card.form.focusedID == "number")
    }
}
