import Foundation
import StoreCore
import StoreHTTP
import StoreTerminal

/// The Elm loop: one state, `Storefront.update` per message, `Storefront.view`
/// drawn on the backend when something changed. Requests run on a background
/// queue and come back through the inbox; the loop itself never waits on the
/// network, only on input with a short timeout.
///
/// `run()` drives it until quit; a script runner calls `step` itself so it can
/// interleave its own input and checks.
public final class AppRuntime {
    public private(set) var state: AppState
    public private(set) var hasQuit = false

    private let backend: TerminalBackend
    private let api: StoreAPI
    private let clock: AppClock
    private let inbox: MessageInbox
    private let requests: (@escaping () -> Void) -> Void
    private var pendingCommands: [Command]
    private var lastTick: Date
    private var drawnState: AppState?
    private var drawnSize: Size?
    /// `--frame-stats`: times each frame drawn.
    var frameStatistics: FrameStatistics?
    /// The last key handled since a frame was drawn, for the statistics.
    private var keySinceFrame: Key?

    public static let tickInterval: TimeInterval = 1

    /// `requestThreads`: where requests wait on the network; a dispatch queue of the app's own when nil.
    public init(backend: TerminalBackend, api: StoreAPI, config: AppConfig, clock: AppClock,
                keymap: Keymap = .standard, requestThreads: RequestThreads? = nil) {
        self.backend = backend
        // An answer wakes a loop that waits for input, so it is handled at once.
        let wakeable = UncheckedBackend(backend: backend)
        self.inbox = MessageInbox(arrived: { wakeable.backend.wake() })
        self.api = api
        self.clock = clock
        if let requestThreads {
            requests = requestThreads.run
        } else {
            let queue = DispatchQueue(label: "storefront.requests", attributes: .concurrent)
            requests = { queue.async(execute: $0) }
        }
        let (state, commands) = Storefront.start(config, keymap: keymap)
        self.state = state
        self.pendingCommands = commands
        self.lastTick = Date()
    }

    /// Runs until the program quits (Ctrl-C included).
    public func run(pollMilliseconds: Int = 50) {
        while !hasQuit { step(waitMilliseconds: pollMilliseconds) }
    }

    /// True when no request is running and no answer waits to be handled.
    public var isNetworkIdle: Bool { inbox.isIdle }

    /// One turn: run queued commands, wait up to `waitMilliseconds` for input,
    /// handle all input and answers that are there, tick, and redraw if needed.
    public func step(waitMilliseconds: Int) {
        guard !hasQuit else { return }
        runPendingCommands()
        var event = backend.readEvent(timeoutMilliseconds: waitMilliseconds)
        while let current = event, !hasQuit {
            handleInput(current)
            if backend.wantsFramePerKey, !hasQuit { redrawIfNeeded() }
            event = hasQuit ? nil : backend.readEvent(timeoutMilliseconds: 0)
        }
        for message in inbox.drain() where !hasQuit { dispatch(message) }
        let realNow = Date()
        if !hasQuit && realNow.timeIntervalSince(lastTick) >= Self.tickInterval {
            lastTick = realNow
            dispatch(.tick(clock.now()))
        }
        if !hasQuit { redrawIfNeeded() }
    }

    /// Draws the current state now (the first frame, or after a resize).
    public func redrawIfNeeded() {
        let size = backend.size
        // The core lays out by the size it was told (the panel asks whether it has room).
        if state.terminalSize != size { dispatch(.input(.resize(size))) }
        guard drawnState != state || drawnSize != size else { return }
        if let frameStatistics {
            frameStatistics.measure(view: { Storefront.view(state, size: size) }, render: backend.render,
                                    after: keySinceFrame)
        } else {
            backend.render(Storefront.view(state, size: size))
        }
        keySinceFrame = nil
        drawnState = state
        drawnSize = size
    }

    private func handleInput(_ event: InputEvent) {
        if case .key(let key) = event { keySinceFrame = key }
        dispatch(.input(event))
        // Ctrl-C quits at once whatever the screen; the core maps it too.
        if case .key(.control("c")) = event { hasQuit = true }
    }

    private func dispatch(_ message: Message) {
        pendingCommands += Storefront.update(&state, message)
        runPendingCommands()
    }

    private func runPendingCommands() {
        let commands = pendingCommands
        pendingCommands.removeAll()
        for command in commands {
            switch command {
            case .quit:
                hasQuit = true
            case .request(let request):
                perform(request)
            case .requestLater(let request, let seconds):
                perform(request, after: seconds)
            }
        }
    }

    /// Runs the call on the request queue (after `delay` seconds, if any); the
    /// exchanges it makes come back as messages for the behind-the-scenes panel.
    private func perform(_ request: APIRequest, after delay: Double = 0) {
        let api = self.api
        let inbox = self.inbox
        inbox.requestStarted()
        let work = {
            let result: Result<APIResponse, APIError>
            do {
                result = .success(try HTTPExchanges.withValue({ inbox.post(.exchange($0)) }) {
                    try request.perform(on: api)
                })
            } catch let error as APIError {
                result = .failure(error)
            } catch {
                result = .failure(.badResponse(String(describing: error)))
            }
            inbox.requestFinished(.response(request, result))
        }
        guard delay > 0 else { return requests(work) }
        let requests = self.requests
        DispatchQueue.global().asyncAfter(deadline: .now() + delay) { requests(work) }
    }
}

/// The backend as the inbox's wake-up sees it from a request's thread: `wake()`
/// is the one call backends allow from any thread.
private struct UncheckedBackend: @unchecked Sendable {
    let backend: TerminalBackend
}
