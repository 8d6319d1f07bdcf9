/// Sending requests and keeping track of them: what is in flight (for
/// "loading…" and for keys that must not repeat it) and what failed for want of
/// a connection (for `r`).
extension AppState {
    /// Records the request as in flight and returns the command that runs it.
    public mutating func send(_ request: APIRequest) -> Command {
        network.inFlight.append(request)
        return .request(request)
    }

    public func isInFlight(_ matches: (APIRequest) -> Bool) -> Bool { network.inFlight.contains(where: matches) }

    /// Keeps a failed request for `r`, once.
    mutating func remember(_ request: APIRequest, failedWith error: APIError) {
        network.failed.removeAll { $0.request == request }
        network.failed.append(FailedRequest(request: request, error: error))
    }

    mutating func finished(_ request: APIRequest) {
        if let index = network.inFlight.firstIndex(of: request) { network.inFlight.remove(at: index) }
    }

    /// `r`: sends again every request that could not reach the store.
    mutating func retryFailed() -> [Command] {
        let failed = network.failed.map(\.request)
        network.failed = []
        return failed.filter { !network.inFlight.contains($0) }.map { send($0) }
    }

    mutating func show(_ text: String, _ kind: Notice.Kind = .info, seconds: Double? = 6) {
        notice = Notice(text, kind: kind, expires: seconds.map { now.addingTimeInterval($0) })
    }
}
