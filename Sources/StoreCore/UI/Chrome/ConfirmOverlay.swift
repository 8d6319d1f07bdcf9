/// A yes/no question drawn over the screen.
enum ConfirmOverlay {
    static func draw(_ grid: inout Grid, _ body: Rect, question: String) {
        grid.cursor = nil
        let text = question + " y/n"
        let width = min(body.width - 2, DisplayWidth.of(text) + 6)
        let rect = Rect(x: body.x + (body.width - width) / 2, y: body.y + body.height / 2 - 2, width: width, height: 5)
        grid.fill(columns: rect.x..<rect.maxX, rows: rect.y..<rect.maxY)
        let inside = Frame.draw(&grid, rect, title: "Confirm", role: .warning)
        grid.write(TextLayout.center(text, inside.width), column: inside.x, row: inside.y + 1, role: .warning)
    }
}
