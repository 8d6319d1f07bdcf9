import Foundation
import StoreCore
import StoreHTTP

/// What every shopper of one run shares: the scripts, the store, and when to stop.
final class LoadPlan: @unchecked Sendable {
    let files: [String]
    let endpointLabel: String
    let environment: [String: String]
    /// Names the accounts of this run, so a second run on the same store makes new ones.
    let runID = String(UUID().uuidString.prefix(8)).lowercased()
    /// True when a script types `${SHOPPER_EMAIL}`: each shopper then gets its own account.
    let needsAccounts: Bool
    /// The threads every shopper's requests run on.
    let requestThreads = RequestThreads()
    private let baseURL: String
    private let authorities: CertificateAuthorities
    private let iterations: Int?
    private let duration: TimeInterval?
    /// Set by `startClock()`, before any shopper's first iteration.
    private var deadline: DispatchTime?

    init(files: [String], baseURL: String, endpointLabel: String, authorities: CertificateAuthorities,
         environment: [String: String], needsAccounts: Bool, iterations: Int?, duration: TimeInterval?) {
        self.files = files
        self.baseURL = baseURL
        self.endpointLabel = endpointLabel
        self.authorities = authorities
        self.environment = environment
        self.needsAccounts = needsAccounts
        self.iterations = iterations
        self.duration = duration
    }

    /// Starts the run's time, once every shopper is prepared (`Crowd.run`):
    /// called before the threads that play the iterations start.
    func startClock() {
        deadline = duration.map { DispatchTime.now() + $0 }
    }

    /// Each shopper has its own client, so its own connection, as separate terminals would.
    func makeClient() -> StoreAPI { StoreClient(baseURL: baseURL, authorities: authorities) }

    /// An iteration under way when the time is up finishes; none starts after.
    func mayStart(iteration: Int) -> Bool {
        if let iterations { return iteration <= iterations }
        if let deadline { return DispatchTime.now() < deadline }
        return false
    }
}
