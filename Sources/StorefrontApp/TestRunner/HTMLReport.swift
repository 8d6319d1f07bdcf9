import Foundation
import StoreCore
import StoreTerminal

/// `storefront test --html FILE`: one self-contained page (inline CSS and SVG,
/// nothing fetched) with each script's result and time, the screen of each
/// failure as a picture and, for a golden snapshot that differs, the golden and
/// the screen side by side with the differing cells outlined. Everything on
/// it comes from what the runner already redacted: no card data can appear.
enum HTMLReport {
    static func page(for results: [TestResult], timestamp: Date, theme: Theme = .standard) -> String {
        let flaky = results.filter(\.flaky).count
        let failed = results.filter { !$0.passed }.count
        let total = results.reduce(0) { $0 + $1.duration }
        var html = """
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <title>storefront test: \(results.count - flaky - failed) passed, \(flaky) flaky, \(failed) failed</title>
            <style>\(css)</style>
            </head>
            <body>
            <h1>storefront test</h1>
            <p class="summary"><span class="PASS">\(results.count - flaky - failed) passed</span>, <span class="FLAKY">\(flaky) flaky</span>, <span class="FAIL">\(failed) failed</span> — \(results.count) scripts, \(Durations.describe(total)) of script time, \(ISO8601DateFormatter().string(from: timestamp))</p>
            <table>
            <thead><tr><th>result</th><th>script</th><th>time</th><th>runs</th></tr></thead>
            <tbody>

            """
        for (index, result) in results.enumerated() {
            let name = result.passed && !result.flaky ? e(result.path) : "<a href=\"#script-\(index)\">\(e(result.path))</a>"
            html += "<tr><td class=\"\(result.status)\">\(result.status)</td><td>\(name)</td>"
                + "<td>\(Durations.describe(result.duration))</td><td>\(result.attempts)</td></tr>\n"
        }
        html += "</tbody>\n</table>\n"
        for (index, result) in results.enumerated() where !result.passed || result.flaky {
            html += section(result, id: "script-\(index)", theme: theme)
        }
        return html + "</body>\n</html>\n"
    }

    private static func section(_ result: TestResult, id: String, theme: Theme) -> String {
        var html = "<section id=\"\(id)\">\n<h2><span class=\"\(result.status)\">\(result.status)</span> \(e(result.path))</h2>\n"
        if let reason = result.reason { html += "<pre class=\"reason\">\(e(reason))</pre>\n" }
        for (run, reason) in result.earlierFailures.enumerated() {
            html += "<p class=\"earlier\">run \(run + 1) failed: \(e(reason))</p>\n"
        }
        if case .failed(let failure) = result.verdict {
            if let mismatch = failure.snapshot {
                html += comparison(mismatch, size: failure.size, theme: theme)
            } else {
                html += "<figure>\(ScreenSVG.render(failure.styledScreen, theme: theme, title: "the screen when it failed"))"
                    + "<figcaption>the screen when it failed (\(failure.size))</figcaption></figure>\n"
            }
        }
        return html + "</section>\n"
    }

    /// The golden and the screen side by side, the cells that differ (text or role) outlined in both.
    private static func comparison(_ mismatch: SnapshotMismatch, size: Size, theme: Theme) -> String {
        let expected = SnapshotStore.screen(ofGolden: mismatch.expected, columns: size.columns, rows: size.rows)
        let actual = SnapshotStore.screen(ofGolden: mismatch.actual, columns: size.columns, rows: size.rows)
        let marked = differingCells(expected, actual)
        return """
            <p class="differ">\(marked.count) cells differ, outlined in red.</p>
            <div class="side-by-side">
            <figure>\(ScreenSVG.render(expected, theme: theme, marked: marked, title: "expected"))<figcaption>expected: \(e(mismatch.path))</figcaption></figure>
            <figure>\(ScreenSVG.render(actual, theme: theme, marked: marked, title: "actual"))<figcaption>actual</figcaption></figure>
            </div>

            """
    }

    static func differingCells(_ a: StyledScreen, _ b: StyledScreen) -> Set<ScreenSVG.Position> {
        var marked: Set<ScreenSVG.Position> = []
        for row in 0..<max(a.rows, b.rows) {
            let left = a.cells(row: row), right = b.cells(row: row)
            for column in 0..<max(left.count, right.count) {
                let x = column < left.count ? left[column] : nil, y = column < right.count ? right[column] : nil
                if x?.character != y?.character || (x?.role ?? .normal) != (y?.role ?? .normal) {
                    marked.insert(ScreenSVG.Position(column: column, row: row))
                }
            }
        }
        return marked
    }

    private static func e(_ text: String) -> String { XMLText.escape(text) }

    private static let css = """
        body{font-family:system-ui,sans-serif;margin:2em;color:#222;background:#fafafa}
        table{border-collapse:collapse}td,th{padding:.25em .8em;border-bottom:1px solid #ddd;text-align:left}
        .PASS{color:#1a7f37;font-weight:bold}.FLAKY{color:#b35900;font-weight:bold}.FAIL{color:#cf222e;font-weight:bold}
        pre.reason{white-space:pre-wrap;background:#fff0f0;padding:.6em;border-left:4px solid #cf222e}
        .earlier{color:#b35900}figure{display:inline-block;margin:.5em 1em .5em 0;vertical-align:top}
        figure svg{max-width:100%;height:auto;border:1px solid #999}.side-by-side{display:flex;flex-wrap:wrap}
        section{margin-top:2em}
        """
}
