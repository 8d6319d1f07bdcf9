import StoreCore
import StoreWire
import Testing

/// ASCII text is measured and written byte by byte; the widths must be the
/// ones the character-by-character path gives.
@Suite struct TextWidthTests {
    @Test func asciiTextHasTheWidthsOfItsCharacters() {
        for text in ["Dune", "a\tb", "line\r\nnext", "del\u{7F}", "", " padded  "] {
            #expect(DisplayWidth.of(text) == text.reduce(0) { $0 + DisplayWidth.of($1) }, "\(text.debugDescription)")
        }
        #expect(DisplayWidth.of("a\tb") == 2)
        #expect(DisplayWidth.of(Character("\r\n")) == 0)
        #expect(DisplayWidth.of("Cien años") == 9)
        #expect(DisplayWidth.of("三体 1") == 6)
    }

    @Test func asciiAndOtherTextLandInTheSameCells() {
        var ascii = Grid(size: Size(columns: 8, rows: 1))
        #expect(ascii.write("ab\tcdefghij", column: 1, row: 0, role: .price) == 8)
        #expect(ascii.line(0) == " abcdefg")
        #expect(ascii[1, 0].role == .price)
        var other = Grid(size: Size(columns: 8, rows: 1))
        #expect(other.write("ab\tcdéfghij", column: 1, row: 0, role: .price) == 8)
        #expect(other.line(0) == " abcdéfg")
        var limited = Grid(size: Size(columns: 8, rows: 1))
        #expect(limited.write("abcdef", column: -2, row: 0, limit: 5) == 3)
        #expect(limited.line(0) == "cde")
    }
}
