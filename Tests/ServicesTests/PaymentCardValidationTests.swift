import Foundation
import StoreWire
import Testing
@testable import StoreServices

@Suite struct PaymentCardValidationTests {
    private func card(_ number: String, month: Int = 12, year: Int = 2099, cvc: String = "123", name: String = "Ann Shopper") -> CardDetails {
        CardDetails(number: number, expMonth: month, expYear: year, cvc: cvc, name: name)
    }

    private func param(of card: CardDetails) -> String? {
        do { _ = try CardValidator.validate(card); return nil } catch let error as ServiceError { return error.param } catch { return "?" }
    }

    @Test func acceptsGroupedNumbersOfEachBrand() throws {
        #expect(try CardValidator.validate(card("4242 4242 4242 4242")).brand == .visa)
        #expect(try CardValidator.validate(card("5555555555554444")).brand == .mastercard)
        #expect(try CardValidator.validate(card("378282246310005", cvc: "1234")).brand == .amex)
        #expect(try CardValidator.validate(card("4242424242424242")).summary == CardSummary(brand: .visa, last4: "4242"))
    }

    @Test(arguments: [
        ("4242424242424241", "card.number"),   // Luhn
        ("4242-4242-4242-4242", "card.number"), // not digits
        ("424242424242", "card.number"),        // too short for Visa
        ("6011111111111117", "card.number"),    // unsupported brand
        ("", "card.number"),
    ])
    func refusesBadNumbers(number: String, field: String) {
        #expect(param(of: card(number)) == field)
    }

    @Test func refusesBadExpiryCvcAndName() {
        #expect(param(of: card("4242424242424242", month: 13)) == "card.exp_month")
        #expect(param(of: card("4242424242424242", month: 0)) == "card.exp_month")
        #expect(param(of: card("4242424242424242", month: 1, year: 2020)) == "card.exp_year")
        #expect(param(of: card("4242424242424242", cvc: "12")) == "card.cvc")
        #expect(param(of: card("4242424242424242", cvc: "1234")) == "card.cvc")
        #expect(param(of: card("378282246310005", cvc: "123")) == "card.cvc")
        #expect(param(of: card("4242424242424242", cvc: "12a")) == "card.cvc")
        #expect(param(of: card("4242424242424242", name: "  ")) == "card.name")
    }

    @Test func extremeExpiryYearsAndLookalikeDigitsAreRefusedNotTrapped() {
        for year in [Int.min, Int.min + 1, -1, 100, 1999, 2101, Int.max] {
            #expect(param(of: card("4242424242424242", year: year)) == "card.exp_year", "\(year)")
        }
        for month in [Int.min, Int.max] {
            #expect(param(of: card("4242424242424242", month: month)) == "card.exp_month")
        }
        for number in ["424242424242424\u{0664}", "4\u{0301}242424242424242", "\u{FF14}242424242424242",
                       "424242424242424\u{1D7DC}", "\u{2074}242424242424242"] {
            #expect(param(of: card(number)) == "card.number")
        }
        #expect(param(of: card("4242424242424242", cvc: "12\u{0663}")) == "card.cvc")
    }

    @Test func thisMonthIsStillValid() throws {
        let now = Date()
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let parts = calendar.dateComponents([.year, .month], from: now)
        _ = try CardValidator.validate(card("4242424242424242", month: parts.month!, year: parts.year!), now: now)
    }

    @Test func errorsNeverRepeatTheNumberOrCvc() {
        let numbers = ["4242424242424241", "42424242424242420", "4000000000000002x"]
        for number in numbers {
            do { _ = try CardValidator.validate(card(number, cvc: "987")); Issue.record("accepted \(number.suffix(4))") } catch let error as ServiceError {
                #expect(!error.message.contains(number) && !error.message.contains("987"))
            } catch { Issue.record("unexpected error type") }
        }
    }

    @Test func testCardsDecideTheOutcome() throws {
        func decide(_ number: String) throws -> CardIssuer.Decision {
            CardIssuer.authorise(try CardValidator.validate(card(number, cvc: number.count == 15 ? "1234" : "123")))
        }
        #expect(try decide("4242424242424242") == .approved)
        #expect(try decide("5555555555554444") == .approved)
        #expect(try decide("378282246310005") == .approved)
        let expected = ["4000000000000002": "card_declined", "4000000000009995": "insufficient_funds",
                        "4000000000000127": "incorrect_cvc", "4000000000000069": "expired_card",
                        "4000000000000119": "processing_error"]
        for (number, code) in expected {
            guard case .declined(let got, let message) = try decide(number) else {
                Issue.record("\(code) card approved"); continue
            }
            #expect(got == code)
            #expect(!message.isEmpty)
        }
    }
}

@Suite struct PaymentTokenTests {
    let key = SigningKey(master: Crypto.randomBytes(32))

    @Test func intentAndSecretBindTogether() throws {
        let tokens = PaymentIntentTokens(key: key)
        let first = try tokens.issue(orderId: "o1", userId: "a@b.c", amount: 2_499, currency: "NZD")
        let second = try tokens.issue(orderId: "o1", userId: "a@b.c", amount: 2_499, currency: "NZD")
        guard let claims = tokens.intent(first.id) else { Issue.record("intent did not verify"); return }
        #expect(claims.orderId == "o1" && claims.sub == "a@b.c" && claims.amount == 2_499)
        #expect(tokens.secret(first.clientSecret, matches: claims))
        #expect(!tokens.secret(second.clientSecret, matches: claims))
        #expect(tokens.intent(first.clientSecret) == nil)
        #expect(!tokens.secret(first.id, matches: claims))
        #expect(PaymentIntentTokens(key: SigningKey(master: Crypto.randomBytes(32))).intent(first.id) == nil)
    }

    @Test func eventSignatureCoversBodyAndTime() {
        let signature = EventSignature(key: key)
        let body = Data(#"{"orderId":"o1"}"#.utf8)
        let header = signature.sign(body)
        #expect(signature.isValid(header, for: body))
        #expect(!signature.isValid(header, for: Data(#"{"orderId":"o2"}"#.utf8)))
        #expect(!signature.isValid(nil, for: body))
        #expect(!signature.isValid("t=1,v1=00", for: body))
        #expect(!signature.isValid(header, for: body, now: Date().addingTimeInterval(3_600)))
        #expect(!EventSignature(key: SigningKey(master: Crypto.randomBytes(32))).isValid(header, for: body))
    }
}
