/// The "behind the scenes" panel: each API call the client made, as the
/// transport reported it, and the OrderPurchased pipeline of the order just
/// paid, polled until every step is done. Only paths, statuses and keys:
/// never a body, so never card data.
public struct BackstageState: Hashable, Sendable {
    /// How many calls are kept; the panel shows the newest that fit.
    public static let keptCalls = 60
    /// Seconds between polls of the pipeline: a few a second.
    public static let pollInterval = 0.25
    /// Polls before giving up on a pipeline that does not complete (about ten seconds).
    public static let maximumPolls = 40

    public var shown = false
    public var calls: [HTTPExchangeRecord] = []
    public var watch: PipelineWatch?

    public init(shown: Bool = false) { self.shown = shown }
}

/// The pipeline of one paid order, as far as the last poll saw it.
public struct PipelineWatch: Hashable, Sendable {
    public var orderID: String
    public var orderNumber: String?
    public var pipeline: OrderPipeline?
    public var polls = 0
    /// True once every step is done, or the polls ran out.
    public var finished = false

    public init(orderID: String, orderNumber: String?, pipeline: OrderPipeline? = nil, polls: Int = 0) {
        self.orderID = orderID; self.orderNumber = orderNumber; self.pipeline = pipeline; self.polls = polls
    }
}

extension APIRequest {
    var isPipelinePoll: Bool {
        if case .orderPipeline = self { return true }
        return false
    }
}

/// How the panel changes: `t`, each call reported, each poll answered.
enum Backstage {
    static func toggle(_ state: inout AppState) -> [Command] {
        state.backstage.shown.toggle()
        guard state.backstage.shown else { return [] }
        if let size = state.terminalSize, BackstagePanel.placement(in: size) == .hidden {
            state.show("No room for behind the scenes at \(size.columns)×\(size.rows): "
                       + "widen to \(BackstagePanel.wideColumns) columns or heighten to \(BackstagePanel.tallRows) rows")
        }
        // A pipeline that was left waiting while hidden goes on.
        if let watch = state.backstage.watch, !watch.finished, let token = state.token {
            return [poll(watch, token: token, after: 0)]
        }
        return []
    }

    /// Kept while the panel is shown: a hidden panel changes nothing, so costs no redraw.
    static func record(_ call: HTTPExchangeRecord, _ state: inout AppState) {
        guard state.backstage.shown else { return }
        state.backstage.calls.append(call)
        let excess = state.backstage.calls.count - BackstageState.keptCalls
        if excess > 0 { state.backstage.calls.removeFirst(excess) }
    }

    /// An order was paid: follow its pipeline while the panel is shown.
    static func paid(orderID: String, number: String?, _ state: inout AppState) -> [Command] {
        let watch = PipelineWatch(orderID: orderID, orderNumber: number)
        state.backstage.watch = watch
        guard state.backstage.shown, let token = state.token else { return [] }
        return [poll(watch, token: token, after: 0)]
    }

    static func received(_ request: APIRequest, _ result: Result<APIResponse, APIError>,
                         _ state: inout AppState) -> [Command] {
        guard case .orderPipeline(let id, _, _) = request, var watch = state.backstage.watch, watch.orderID == id else {
            return []
        }
        watch.polls += 1
        if case .success(.pipeline(let pipeline)) = result { watch.pipeline = pipeline }
        watch.finished = watch.pipeline?.complete == true || watch.polls >= BackstageState.maximumPolls
        state.backstage.watch = watch
        guard !watch.finished, state.backstage.shown, let token = state.token else { return [] }
        return [poll(watch, token: token, after: BackstageState.pollInterval)]
    }

    private static func poll(_ watch: PipelineWatch, token: String, after delay: Double) -> Command {
        .requestLater(.orderPipeline(id: watch.orderID, token: token, poll: watch.polls), seconds: delay)
    }
}
