import StoreCore
import Testing
@testable import StoreTerminal

@Suite struct KeyAndColourModeTests {
    @Test func controlCharactersBecomeKeys() {
        #expect(KeyDecoder.character(3) == .control("c"))
        #expect(KeyDecoder.character(1) == .control("a"))
        #expect(KeyDecoder.character(26) == .control("z"))
        #expect(KeyDecoder.character(9) == .tab)
        #expect(KeyDecoder.character(10) == .enter && KeyDecoder.character(13) == .enter)
        #expect(KeyDecoder.character(27) == .escape)
        #expect(KeyDecoder.character(127) == .backspace && KeyDecoder.character(8) == .backspace)
        #expect(KeyDecoder.character(0) == nil)
    }

    @Test func textBecomesCharacters() {
        #expect(KeyDecoder.character(UInt32(("q" as Unicode.Scalar).value)) == .character("q"))
        #expect(KeyDecoder.character(0x6771) == .character("東"))
        #expect(KeyDecoder.character(0xE9) == .character("é"))
        #expect(KeyDecoder.character(0xD800) == nil)
    }

    @Test func colourModeFollowsTheEnvironmentAndTerminal() {
        #expect(ColorMode.choose(environment: [:], hasColors: true, colors: 256) == .full)
        #expect(ColorMode.choose(environment: [:], hasColors: true, colors: 8) == .eight)
        #expect(ColorMode.choose(environment: [:], hasColors: true, colors: 16) == .eight)
        #expect(ColorMode.choose(environment: [:], hasColors: false, colors: 0) == .none)
        #expect(ColorMode.choose(environment: ["NO_COLOR": "1"], hasColors: true, colors: 256) == .none)
        #expect(ColorMode.choose(environment: ["NO_COLOR": ""], hasColors: true, colors: 256) == .full)
        #expect(ColorMode.eight.adapt(Theme.standard) == Theme.standard.degradedTo8Colors())
        #expect(ColorMode.none.adapt(Theme.standard) == Theme.standard.withoutColors())
    }
}
