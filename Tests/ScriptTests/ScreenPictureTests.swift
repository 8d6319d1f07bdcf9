import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import StoreCore
import StoreTerminal
import Testing
@testable import StorefrontApp

/// Screens as SVG pictures, styled golden snapshots, and the HTML report.
@Suite struct ScreenPictureTests {
    /// Reads an SVG or HTML document with Foundation's XML parser: each `<text>`'s
    /// characters with its attributes, and whether the whole is well-formed.
    final class Reader: NSObject, XMLParserDelegate {
        var texts: [(attributes: [String: String], characters: String)] = []
        var elements: [String] = []
        private var open: [String: String]?

        func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                    attributes: [String: String]) {
            elements.append(name)
            if name == "text" { open = attributes; texts.append((attributes, "")) }
        }
        func parser(_ parser: XMLParser, foundCharacters string: String) {
            if open != nil { texts[texts.count - 1].characters += string }
        }
        func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
            if name == "text" { open = nil }
        }

        static func read(_ document: String) -> (Reader, Bool) {
            let reader = Reader()
            let parser = XMLParser(data: Data(document.utf8))
            parser.delegate = reader
            return (reader, parser.parse())
        }
    }

    @Test func aScreenIsAWellFormedSVGInTheThemesColoursOnACellGrid() throws {
        let grid = RegionAndStyleTests.screen()
        let svg = ScreenSVG.render(StyledScreen(grid: grid, text: grid.redactedText), theme: .standard, title: "cart & card")
        let (reader, wellFormed) = Reader.read(svg)
        #expect(wellFormed, "\(svg)")
        #expect(svg.contains("<title>cart &amp; card</title>"))
        // Box drawing in place: the top edge from column 0, the title at its cells.
        func placed(_ characters: String) -> [String: String]? { reader.texts.first { $0.characters == characters }?.attributes }
        #expect(placed("┌─") == ["class": "r-border", "x": "0", "y": "13"])
        #expect(placed("Cart")?["x"] == "27" && placed("Cart")?["class"] == "r-heading")
        // Each word at its first cell, blanks skipped.
        #expect(["Total", "NZD", "24.99"].map { placed($0)?["x"] } == ["18", "72", "108"], "\(reader.texts.map(\.characters))")
        #expect(placed("24.99")?["class"] == "r-price")
        // A wide character takes two cells: each is placed on its own, the next two cells on.
        #expect(["日", "本", "語", "book"].map { placed($0)?["x"] } == ["18", "36", "54", "81"], "\(reader.texts.map(\.characters))")
        // The theme's colours: price 114 (#87d787) bold, selection 16 on 117 (#000000 on #87d7ff).
        #expect(svg.contains(".r-price{fill:#87d787;font-weight:bold}"))
        #expect(svg.contains("fill=\"#87d7ff\""), "the selection's background")
    }

    @Test func aStyledGoldenFailsWhenAHighlightIsLost() throws {
        let folder = try ScratchFolder()
        let script = try folder.write("scripts/home.keys", "size 100x30\nwait \"Featured\"\nsnapshot home --with-style\n")
        let snapshots = folder.url.appendingPathComponent("snaps").path
        let arguments = [script, "--snapshots", snapshots, "--snapshot-format", "svg", "--clock", "2026-01-01T10:00:00Z"]
        #expect(TestCommand.run(arguments: arguments, output: { _ in }) == 0, "the golden is created")
        let golden = try #require(folder.read("snaps/home/home.txt"))
        let parts = golden.components(separatedBy: "── roles ──")
        #expect(parts.count == 2 && parts[0].contains("Featured"), "text, then the role map")
        #expect(parts[1].hasPrefix(" . normal") && parts[1].contains("H heading"), "the legend: \(parts[1].prefix(80))")
        #expect(Reader.read(try #require(folder.read("snaps/home/home.svg"))).1, "the picture beside the golden")
        #expect(TestCommand.run(arguments: arguments, output: { _ in }) == 0, "the same screen matches")

        // The golden has "Featured" highlighted as a selection; the screen draws it as a heading.
        let lines = golden.components(separatedBy: "\n")
        let titleRow = try #require(lines.firstIndex { $0.contains(" Featured ") })
        let heading = try #require(lines.firstIndex { $0.hasPrefix("── roles ──") })
        var roles = lines
        let highlighted = roles[heading + 1 + titleRow].filter { $0 == "H" }.count
        #expect(highlighted >= 10, "the cells of \" Featured \" at least")
        roles[heading + 1 + titleRow] = roles[heading + 1 + titleRow].replacingOccurrences(of: "H", with: "S")
        try folder.write("snaps/home/home.txt", roles.joined(separator: "\n"))
        var output: [String] = []
        let report = folder.url.appendingPathComponent("out/report.html").path
        #expect(TestCommand.run(arguments: arguments + ["--html", report, "--junit", folder.url.appendingPathComponent("out/junit.xml").path],
                                output: { output.append($0) }) == 1)
        #expect(output.contains { $0.contains("differs from the golden snapshot") }, "\(output)")

        // The same text without roles still matches: only the highlight differs.
        try folder.write("snaps/home/home.txt", parts[0])
        try folder.write("scripts/home.keys", "size 100x30\nwait \"Featured\"\nsnapshot home\n")
        #expect(TestCommand.run(arguments: arguments, output: { _ in }) == 0)

        // The report: the golden and the screen side by side, the differing cells outlined.
        let html = try #require(folder.read("out/report.html"))
        #expect(html.hasPrefix("<!DOCTYPE html>"))
        #expect(html.contains("<td class=\"FAIL\">FAIL</td>") && html.contains("home.keys"))
        #expect(html.contains("<figcaption>expected: ") && html.contains("<figcaption>actual</figcaption>"))
        #expect(html.contains("\(highlighted) cells differ"), "the cells whose role changed")
        #expect(html.components(separatedBy: "class=\"diff\"").count - 1 == 2 * highlighted, "outlined in both pictures")
        // Self-contained: nothing to fetch.
        #expect(!html.contains("src=") && !html.contains("<link") && !html.contains("<script"))
        #expect(!html.replacingOccurrences(of: "xmlns=\"http://www.w3.org/2000/svg\"", with: "").contains("http"))
        // The failure screen as a picture beside the JUnit report.
        let failureSVG = try #require(folder.read("out/home.failure.svg"))
        let (reader, wellFormed) = Reader.read(failureSVG)
        #expect(wellFormed && reader.texts.contains { $0.characters.contains("Featured") })
    }

    @Test func theReportShowsTheFailingScreen() throws {
        let folder = try ScratchFolder()
        let script = try folder.write("fail.keys", "size 80x24\nwait \"Featured\"\nexpect \"Unicorns <b>\"\n")
        let report = folder.url.appendingPathComponent("report.html").path
        #expect(TestCommand.run(arguments: [script, "--html", report], output: { _ in }) == 1)
        let html = try #require(folder.read("report.html"))
        #expect(html.contains("<pre class=\"reason\">\(XMLText.escape(script)):3: expect &quot;Unicorns &lt;b&gt;&quot;"))
        #expect(html.contains("<figcaption>the screen when it failed (80x24)</figcaption>"))
        // The page is XHTML-clean enough for an XML parser: every tag closed, everything escaped.
        let body = html.replacingOccurrences(of: "<!DOCTYPE html>\n", with: "")
            .replacingOccurrences(of: "<meta charset=\"utf-8\">", with: "<meta charset=\"utf-8\"/>")
        let (reader, wellFormed) = Reader.read(body)
        #expect(wellFormed)
        #expect(reader.elements.contains("svg") && reader.texts.contains { $0.characters.contains("Featured") })
    }
}
