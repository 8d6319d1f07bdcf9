import Foundation

/// What the outside world tells the core.
public enum Message: Hashable, Sendable {
    case input(InputEvent)
    /// The answer to a `.request` command.
    case response(APIRequest, Result<APIResponse, APIError>)
    /// The clock moved on (notices expire, progress words change).
    case tick(Date)
    /// The transport made an HTTP call (for the behind-the-scenes panel).
    case exchange(HTTPExchangeRecord)
}

/// What the core asks the outside world to do.
public enum Command: Hashable, Sendable {
    /// Run the call off the UI thread and answer with `.response`.
    case request(APIRequest)
    /// The same, `seconds` from now (polling), never holding up the UI loop.
    case requestLater(APIRequest, seconds: Double)
    case quit
}

/// Fixed facts about this run, given to the core at start.
public struct AppConfig: Hashable, Sendable {
    /// What the status line says the shop is talking to, e.g. "embedded shop" or the API URL.
    public var endpointLabel: String
    /// A random id for this run; idempotency keys are derived from it.
    public var instanceID: String
    /// The time at start (fixed by `--clock` in scripts).
    public var now: Date
    /// Start with the behind-the-scenes panel shown (`--demo`; drawn where there is room).
    public var behindTheScenes: Bool
    public init(endpointLabel: String, instanceID: String, now: Date, behindTheScenes: Bool = false) {
        self.endpointLabel = endpointLabel; self.instanceID = instanceID; self.now = now
        self.behindTheScenes = behindTheScenes
    }
}
