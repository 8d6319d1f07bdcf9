import Foundation

/// What the outside world tells the core.
public enum Message: Hashable, Sendable {
    case input(InputEvent)
    /// The answer to a `.request` command.
    case response(APIRequest, Result<APIResponse, APIError>)
    /// The clock moved on (notices expire, progress words change).
    case tick(Date)
}

/// What the core asks the outside world to do.
public enum Command: Hashable, Sendable {
    /// Run the call off the UI thread and answer with `.response`.
    case request(APIRequest)
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
    public init(endpointLabel: String, instanceID: String, now: Date) {
        self.endpointLabel = endpointLabel; self.instanceID = instanceID; self.now = now
    }
}
