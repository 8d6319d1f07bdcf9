import Foundation

/// The fault plan in force, shared by the router, the mailer and the
/// dispatcher. Tests and demos may change it while the services run.
public final class Faults: @unchecked Sendable {
    private let lock = NSLock()
    private var current: FaultPlan

    public init(_ plan: FaultPlan = FaultPlan()) { current = plan }

    public var plan: FaultPlan {
        get { lock.lock(); defer { lock.unlock() }; return current }
        set { lock.lock(); current = newValue; lock.unlock() }
    }

    /// Whether the service a path belongs to has latency added, so its requests wait.
    func addsLatency(path: String) -> Bool {
        let plan = self.plan
        guard !plan.latency.isEmpty else { return false }
        return (plan.latency[Self.service(of: path)] ?? 0) > 0
    }

    private static func service(of path: String) -> String {
        path.split(separator: "/").first.map(String.init) ?? ""
    }

    /// Before a request reaches its service: waits out the service's added
    /// latency, then throws a 503 for the share of requests that should fail.
    func beforeRequest(path: String) throws {
        let plan = self.plan
        guard !plan.isEmpty else { return }
        let service = Self.service(of: path)
        if let delay = plan.latency[service], delay > 0 { Thread.sleep(forTimeInterval: delay) }
        if Self.happens(plan.errorRate[service] ?? 0) {
            throw Self.injected("The \(service) service failed on purpose (fault errors.\(service)).")
        }
    }

    /// Whether the order service refuses to record this payment outcome.
    func refusePaymentOutcome() throws {
        if Self.happens(plan.refusePaymentEvents) {
            throw Self.injected("The order service is refusing payment events (fault order.refuse-payment-events).")
        }
    }

    var mailShouldFail: Bool { Self.happens(plan.mailFailure) }

    var dispatcherStalled: Bool { plan.dispatcherStalled }

    private static func happens(_ rate: Double) -> Bool { rate > 0 && Double.random(in: 0..<1) < rate }

    private static func injected(_ message: String) -> HTTPError {
        HTTPError(status: 503, type: "api_error", code: "fault_injected", message: message)
    }
}

/// A mailer that fails when the fault plan says so.
struct FaultyMailer: Mailer {
    let wrapped: Mailer
    let faults: Faults

    func send(_ message: EmailMessage) throws {
        if faults.mailShouldFail { throw MailerError(description: "mail failed on purpose (fault mail.fail)") }
        try wrapped.send(message)
    }
}
