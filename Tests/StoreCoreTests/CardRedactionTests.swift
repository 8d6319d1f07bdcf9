import Testing
import StoreCore

/// The card fields' cells are marked in the grid, so every text of the screen
/// that leaves the app can redact them whatever they hold: a wrong number, a
/// short one, a valid one, the expiry and the CVC alike.
@Suite struct CardRedactionTests {
    /// The card screen with `number` in the number field, which keeps the focus.
    static func numberFocused(_ number: String) -> Harness {
        var harness = CheckoutTests.onCardScreen(number: number)
        harness.press(.backTab, .backTab)
        #expect(harness.state.checkout.card.form.focusedID == "number")
        return harness
    }

    @Test(arguments: ["4242424242424242", "4111111111111112", "4000123", "5555555555554444", "4242"])
    func theCardFieldsAreRedactedWhateverTheyHold(number: String) {
        let grid = Self.numberFocused(number).grid(100, 30)
        var typed = CardForm()
        typed.form["number"] = number
        let grouped = typed.groupedNumber
        // The person at the terminal sees what they type...
        #expect(grid.text.contains(grouped))
        #expect(grid.text.contains("12/29"))
        // ...and nothing written out of the app does.
        let redacted = grid.redactedText
        #expect(!redacted.contains(grouped))
        #expect(!redacted.contains("12/29"))
        let cardRows = redacted.split(separator: "\n").filter {
            $0.contains("Card number") || $0.contains("Expiry") || $0.contains("CVC")
        }
        #expect(cardRows.count == 3)
        for row in cardRows {
            let box = row.drop { $0 != "[" }.prefix { $0 != "]" }
            #expect(!box.contains { $0.isNumber }, "\(row)")
            #expect(box.contains("•"), "\(row)")
        }
        // The rest of the screen is left as it is.
        #expect(redacted.contains("Name on card"))
        #expect(redacted.contains("Ana Smith"))
        #expect(redacted.contains("Total to pay: NZD"))
    }

    @Test func theCursorTellsWhetherTypingGoesIntoACardField() {
        var harness = Self.numberFocused("4242")
        #expect(harness.grid().cursorIsOnSecret)
        harness.press(.backTab)
        #expect(harness.state.checkout.card.form.focusedID == "name")
        #expect(!harness.grid().cursorIsOnSecret)
        #expect(harness.grid().hasSecretCells)
    }

    @Test func otherScreensHaveNoSecretCells() {
        var harness = Harness.withCart([(Fixture.dune, 1)], signedIn: true)
        #expect(!harness.grid().hasSecretCells)
        harness.press(.enter)
        #expect(!harness.grid().hasSecretCells)
    }

    @Test func drawingOverASecretCellClearsTheMark() {
        var grid = Grid(size: Size(columns: 10, rows: 1))
        grid.write("1234", column: 0, row: 0)
        grid.markSecret(columns: 0..<4, row: 0)
        #expect(grid.redactedText == "••••")
        grid.write("ab", column: 0, row: 0)
        #expect(grid.redactedText == "ab••")
        #expect(grid.text == "ab34")
    }
}

/// A password shows as dots and its field's cells are marked, so no text that
/// leaves the app holds it and a recording writes `${PASSWORD}` for what is typed there.
@Suite struct PasswordRedactionTests {
    @Test func aPasswordFieldShowsDotsAndIsMarked() {
        var harness = Harness()
        harness.press(.character("o"))
        #expect(harness.state.screen == .signIn)
        harness.type("demo@betterstore.test")
        harness.press(.tab)
        harness.type("s3cret-pw")
        let grid = harness.grid(100, 30)
        #expect(!grid.text.contains("s3cret"))
        #expect(grid.text.contains("•••••••••"))
        #expect(grid.cursorIsOnPassword)
        #expect(!grid.redactedText.contains("s3cret"))
        #expect(grid.redactedText.contains("demo@betterstore.test"))
        // The email field is not a password field, and a sign-in form is no card screen.
        harness.press(.backTab)
        #expect(!harness.grid().cursorIsOnPassword)
        #expect(!harness.grid().hasSecretCells)
    }

    @Test func theCVCIsCardDataNotAPassword() {
        let grid = CardRedactionTests.numberFocused("4242").grid(100, 30)
        #expect(!grid.cells.contains { $0.isPassword })
    }
}
