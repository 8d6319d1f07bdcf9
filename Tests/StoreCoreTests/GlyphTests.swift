import StoreCore
import Testing

/// Cells hold glyphs: a scalar's value, or an entry in the table of clusters.
@Suite struct GlyphTests {
    @Test(arguments: ["a", "~", "é", "三", "─", "🔥", "•"] as [Character])
    func aCharacterOfOneScalarIsThatScalar(character: Character) throws {
        let glyph = Glyph(character)
        #expect(glyph.scalar == character.unicodeScalars.first)
        #expect(glyph.character == character)
        #expect(glyph.width == DisplayWidth.of(character))
        #expect(glyph.utf8Count == character.utf8.count)
    }

    @Test(arguments: ["e\u{301}", "👍🏽", "🇳🇿", "❤️", "👩‍💻", "\r\n"] as [Character])
    func aClusterKeepsEveryScalar(character: Character) {
        let glyph = Glyph(character)
        #expect(glyph.scalar == nil)
        #expect(Array(glyph.character.unicodeScalars) == Array(character.unicodeScalars))
        #expect(glyph == Glyph(character), "one cluster, one glyph")
        #expect(glyph.width == DisplayWidth.of(character))
        #expect(glyph.utf8Count == character.utf8.count)
    }

    @Test func canonicallyEqualClustersStayAsWritten() {
        // Two marks in either order: the same Character to Swift, two ways to write it.
        let one: Character = "a\u{301}\u{323}", other: Character = "a\u{323}\u{301}"
        #expect(one == other)
        #expect(Glyph(one) != Glyph(other))
        #expect(Array(Glyph(other).character.unicodeScalars) == Array(other.unicodeScalars))
    }

    @Test func aGridDrawsClustersAsWritten() {
        var grid = Grid(size: Size(columns: 12, rows: 1))
        let text = "Cafe\u{301} 🇳🇿 三体"
        grid.write(text, column: 0, row: 0)
        #expect(grid.line(0) == text)
        #expect(grid[3, 0].text == "e\u{301}" && grid[5, 0].text == "🇳🇿")
        #expect(grid[7, 0].text == "三" && grid[8, 0].isContinuation)
    }

    @Test func aCellIsAPlainValue() {
        #expect(_isPOD(Cell.self))
        #expect(MemoryLayout<Cell>.size == 8)
    }

    @Test func aRolesIndexIsItsPlaceAmongAllRoles() {
        #expect(Role.allCases.map(\.index) == Array(Role.allCases.indices))
    }
}
