import StoreCore
import Testing

@Suite struct LiteralSearchTests {
    @Test func findsTheFirstOccurrenceAsARangeOfTheText() {
        let text = "page 1 of 3 · page 1 of 3"
        let range = LiteralSearch.firstRange(of: "page 1 of", in: text[...])
        #expect(range.map { String(text[$0]) } == "page 1 of")
        #expect(range?.lowerBound == text.startIndex)
        #expect(LiteralSearch.firstRange(of: "aab", in: "aaab"[...]).map { "aaab".distance(from: "aaab".startIndex, to: $0.lowerBound) } == 1)
    }

    @Test func anAbsentOrEmptyLiteralIsFoundNowhere() {
        #expect(LiteralSearch.firstRange(of: "page 2", in: "page 1 of 3"[...]) == nil)
        #expect(LiteralSearch.firstRange(of: "of 3!", in: "page 1 of 3"[...]) == nil)
        #expect(LiteralSearch.firstRange(of: "", in: "page"[...]) == nil)
    }

    @Test func charactersCompareAsCharacters() {
        // A decomposed é is the same character as a composed one, and "e" alone is not it.
        let text = "Cafe\u{301} Noir"
        #expect(LiteralSearch.firstRange(of: "Caf\u{E9}", in: text[...]) != nil)
        #expect(LiteralSearch.firstRange(of: "Cafe ", in: text[...]) == nil)
    }

    @Test func bytesAreSearchedAsTheyAre() {
        let marker = Array("-----BEGIN".utf8)
        #expect(LiteralSearch.firstOffset(of: marker, in: Array("xx-----BEGIN yy".utf8)) == 2)
        #expect(LiteralSearch.firstOffset(of: marker, in: Array("-----BEGI".utf8)) == nil)
        #expect(LiteralSearch.firstOffset(of: [], in: [1, 2]) == nil)
    }
}
