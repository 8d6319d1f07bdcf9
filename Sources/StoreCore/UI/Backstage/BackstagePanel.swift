import Foundation

/// Draws the "behind the scenes" panel: at the right of a wide terminal, below
/// the screen on a tall narrow one, not at all when there is no room. The API
/// calls fill the top, newest at the bottom; the pipeline of the order just
/// paid sits under them while there is one.
public enum BackstagePanel {
    public static let wideColumns = 140
    public static let tallRows = 34
    /// Columns the panel takes at the side, and rows below.
    static let sideWidth = 58
    static let belowHeight = 12
    /// Columns the screen keeps beside the panel: every screen is laid out for this width.
    static let screenColumns = 82

    public enum Placement: Hashable, Sendable {
        case right(width: Int)
        case below(height: Int)
        case hidden
    }

    public static func placement(in size: Size) -> Placement {
        if size.columns >= wideColumns { return .right(width: max(sideWidth, size.columns - screenColumns)) }
        if size.rows >= tallRows { return .below(height: belowHeight) }
        return .hidden
    }

    /// Splits the body between the screen and the panel; the panel's rect is nil when it is not drawn.
    static func layout(_ state: AppState, body: Rect) -> (screen: Rect, panel: Rect?) {
        guard state.backstage.shown else { return (body, nil) }
        switch placement(in: Size(columns: body.width, rows: body.height + 4)) {
        case .right(let width):
            let screen = Rect(x: body.x, y: body.y, width: body.width - width, height: body.height)
            return (screen, Rect(x: screen.maxX, y: body.y, width: width, height: body.height))
        case .below(let height):
            let screen = Rect(x: body.x, y: body.y, width: body.width, height: body.height - height)
            return (screen, Rect(x: body.x, y: screen.maxY, width: body.width, height: height))
        case .hidden:
            return (body, nil)
        }
    }

    public static func draw(_ state: AppState, _ grid: inout Grid, _ rect: Rect) {
        grid.fill(role: .normal, columns: rect.x..<rect.maxX, rows: rect.y..<rect.maxY)
        let inside = Frame.draw(&grid, rect, title: "Behind the scenes", trailing: "\(state.keymap.label(for: .toggleBackstage)) hides")
        guard inside.width > 10, inside.height > 0 else { return }
        let pipelineLines = state.backstage.watch.map(pipelineLines) ?? []
        let pipelineRows = pipelineLines.isEmpty ? 0 : min(inside.height / 2, pipelineLines.count + 1)
        let callRows = inside.height - pipelineRows
        let calls = state.backstage.calls.suffix(max(0, callRows))
        if calls.isEmpty, callRows > 0 {
            grid.write("API calls appear here as they are made", column: inside.x + 1, row: inside.y, role: .muted,
                       limit: inside.width - 1)
        }
        for (offset, call) in calls.enumerated() {
            drawCall(call, &grid, x: inside.x + 1, row: inside.y + offset, width: inside.width - 2)
        }
        guard pipelineRows > 0 else { return }
        let top = inside.y + callRows
        Frame.rule(&grid, row: top, x: inside.x, width: inside.width)
        for (offset, line) in pipelineLines.prefix(pipelineRows - 1).enumerated() {
            grid.write(line.text, column: inside.x + 1, row: top + 1 + offset, role: line.role, limit: inside.width - 1)
        }
    }

    /// One call: `cart  PUT /cart/v1/carts/mine/items/dune  200   12ms  3f2a9c1b…`.
    static func callLine(_ call: HTTPExchangeRecord, width: Int) -> (left: String, right: String) {
        let outcome = call.status.map(String.init) ?? (call.failure ?? "failed")
        let key = call.idempotencyKey.map { "  " + shortKey($0) } ?? ""
        let right = " \(outcome) \(pad(String(call.milliseconds), 5))ms\(key)"
        let service = call.service.padding(toLength: 8, withPad: " ", startingAt: 0)
        let room = max(4, width - DisplayWidth.of(right))
        return (DisplayWidth.truncate("\(service)\(call.method) \(shortPath(call.path))", to: room), right)
    }

    /// The path with long ids cut to their first characters, so the route shows at a glance:
    /// `/cart/v1/carts/54712f67…/items/1passwor…`.
    public static func shortPath(_ path: String) -> String {
        path.split(separator: "/", omittingEmptySubsequences: false).map { segment in
            segment.count > 16 ? String(segment.prefix(8)) + "…" : String(segment)
        }.joined(separator: "/")
    }

    /// An idempotency key's first 8 characters, an ellipsis and its last 10: the
    /// storefront's keys share their start (the run) and differ at the end
    /// (`…-1`, `…-1-payment-2`), so both ends tell a retry from a new attempt.
    public static func shortKey(_ key: String) -> String {
        key.count > 20 ? String(key.prefix(8)) + "…" + String(key.suffix(10)) : key
    }

    private static func drawCall(_ call: HTTPExchangeRecord, _ grid: inout Grid, x: Int, row: Int, width: Int) {
        let (left, right) = callLine(call, width: width)
        grid.write(left, column: x, row: row, role: .normal, limit: width)
        let ok = call.status.map { $0 < 400 } ?? false
        let rightX = x + width - DisplayWidth.of(right)
        grid.write(right, column: max(x, rightX), row: row, role: ok ? .muted : .error, limit: width)
    }

    private static func pad(_ text: String, _ width: Int) -> String {
        String(repeating: " ", count: max(0, width - DisplayWidth.of(text))) + text
    }

    struct Line { let text: String; let role: Role }

    /// The pipeline's heading and each step done, with its time since payment.
    static func pipelineLines(_ watch: PipelineWatch) -> [Line] {
        let name = watch.orderNumber.map { "order \($0)" } ?? "the order"
        let state = watch.pipeline?.complete == true ? "complete" : (watch.finished ? "stopped waiting" : "running…")
        var lines = [Line(text: "OrderPurchased for \(name): \(state)", role: .heading)]
        for step in watch.pipeline?.steps ?? [] {
            let label = PipelineStep.Name(rawValue: step.name)?.label ?? step.name
            let since = step.sincePaymentMs.map { $0 >= 0 ? "+\($0) ms" : "\($0) ms" } ?? ""
            let detail = step.detail.map { "  \($0)" } ?? ""
            lines.append(Line(text: "✓ \(label.padding(toLength: 24, withPad: " ", startingAt: 0))\(pad(since, 10))\(detail)",
                              role: .success))
        }
        return lines
    }
}
