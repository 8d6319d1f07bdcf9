import Testing
import StoreCore

@Suite struct FormTests {
    @Test func typingGoesWhereTheCursorIs() {
        var form = FormState([FormField("email", "Email"), FormField("pin", "PIN", content: .digits, maxLength: 4)])
        for character in "ana@exmple.com" { form.type(character) }
        for _ in 0..<8 { form.moveCursor(to: .left) }
        form.type("a")
        #expect(form["email"] == "ana@example.com")
        form.moveCursor(to: .start)
        form.deleteForward()
        form.moveCursor(to: .end)
        form.backspace()
        #expect(form["email"] == "na@example.co")
        form.move(by: 1)
        for character in "12a345" { form.type(character) }
        #expect(form["pin"] == "1234")
        #expect(form.visited == ["email"])
        form.move(by: 1)
        #expect(form.focusedID == "email")
    }

    @Test func theCursorIsDrawnWhereTypingGoes() {
        var harness = Harness.withCart([(Fixture.dune, 1)])
        harness.press(.enter)
        harness.type("ana@example.com")
        let end = harness.grid().cursor
        harness.press(.left, .left, .left)
        let moved = harness.grid().cursor
        #expect(end != nil && moved != nil)
        if let end, let moved {
            #expect(moved.column == end.column - 3)
            #expect(moved.row == end.row)
        }
        // Left and Right are text keys here, not screen actions.
        #expect(harness.state.screen == .signIn)
    }

    @Test func aServiceErrorClearsWhenTheFieldIsEdited() {
        var form = FormState([FormField("email", "Email")])
        form.errors["email"] = "Taken"
        form.type("x")
        #expect(form.errors["email"] == nil)
    }
}
