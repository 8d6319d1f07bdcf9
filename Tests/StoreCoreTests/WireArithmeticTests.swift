import Testing
import StoreCore

/// The wire model's digit, Luhn and money rules answer every input without trapping.
@Suite struct WireArithmeticTests {
    /// Characters that look like or count as digits to Unicode but are not ASCII digits.
    static let lookalikeDigits: [Character] = [
        "4\u{0301}", "4\u{20E3}", "\u{0664}", "\u{06F4}", "\u{096A}", "\u{FF14}", "\u{1D7DC}", "\u{2074}", "\u{2463}",
    ]

    @Test func onlyTheTenASCIIDigitsAreDigits() {
        for digit in "0123456789" {
            #expect(digit.isASCIIDigit)
        }
        for character in Self.lookalikeDigits + ["a", " ", "\u{0}", "\r\n"] {
            #expect(!character.isASCIIDigit, "\(character.unicodeScalars.map { String($0.value, radix: 16) })")
            #expect(character.asciiDigitValue == nil)
        }
    }

    @Test func luhnRefusesLookalikeDigitsInsteadOfTrapping() {
        #expect(Luhn.isValid("4242424242424242"))
        for lookalike in Self.lookalikeDigits {
            #expect(!Luhn.isValid("424242424242424" + String(lookalike)))
        }
        #expect(!Luhn.isValid(""))
        #expect(Luhn.isValid(String(repeating: "0", count: 100_000)))
    }

    @Test func moneyAndTotalsReportOverflowInsteadOfTrapping() {
        #expect(Money(2_499).times(3) == Money(7_497))
        #expect(Money(Int.max).times(2) == nil)
        #expect(Money(Int.min).times(-1) == nil)
        #expect(Totals(lines: [(.digital, Int.max), (.digital, 1)]) == nil)
        #expect(Totals(lines: [(.physical, Int.max), (.physical, 1)]) == nil)
        #expect(Totals(lines: [(.digital, Int.max)])?.total.amount == Int.max)
        #expect(Money(Int.min).formatted.hasPrefix("-NZD "))
    }

    @Test func gstIsThreeTwentyThirdsRoundedHalfUpForEveryAmount() {
        for amount in [0, 1, 4, 8, 23, 100, 2_499, 10_000, 123_456_789] {
            let expected = (amount * 6 + 23) / 46
            #expect(Pricing.gstIncluded(in: amount) == expected, "\(amount)")
        }
        #expect(Pricing.gstIncluded(in: Int.max) == Int.max / 23 * 3)
        #expect(Pricing.gstIncluded(in: Int.min) < 0)
    }
}
