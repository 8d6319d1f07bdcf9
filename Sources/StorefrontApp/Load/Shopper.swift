import Foundation
import StoreCore
import StoreTerminal

/// One shopper of a load run: its own virtual screen, client, cart and
/// account, on a thread of its own that sleeps while the store answers. Each
/// iteration plays every script once, in order, each on a fresh app, with
/// `${SHOPPER}` and `${ITERATION}` set; an iteration stops at its first failure.
final class Shopper: LoadShopper {
    let number: Int
    private let plan: LoadPlan
    private let recorder: LoadRecorder
    /// One client for all the shopper's runs: its kept-alive connection is the shopper's.
    private let client: StoreAPI
    private var account: ShopperAccount?

    init(number: Int, plan: LoadPlan, recorder: LoadRecorder) {
        self.number = number
        self.plan = plan
        self.recorder = recorder
        self.client = plan.makeClient()
    }

    /// Signs up the shopper's account when the scripts need one, before the
    /// run's clock starts; false (the failure recorded) when it could not.
    func prepare() -> Bool {
        guard plan.needsAccounts else { return true }
        do {
            account = try ShopperAccount.signUp(shopper: number, run: plan.runID, api: client)
            return true
        } catch {
            recorder.iterationFinished(failure: "a shopper could not sign up its account: \(error)")
            return false
        }
    }

    /// Plays iterations until the plan says stop.
    func run() {
        recorder.shopperStarted()
        defer { recorder.shopperFinished() }
        var iteration = 1
        while plan.mayStart(iteration: iteration) {
            let failure = playIteration(iteration)
            recorder.iterationFinished(failure: failure)
            iteration += 1
        }
    }

    /// The first failure's one-line reason, or nil when every script passed.
    private func playIteration(_ iteration: Int) -> String? {
        for (index, file) in plan.files.enumerated() {
            let script: Script
            do {
                script = try ScriptParser.parse(file: file, environment: variables(iteration: iteration))
            } catch {
                return "\(error)"
            }
            if let failure = play(script, index: index) {
                // Without the time waited, so the same failure in many iterations is counted as one reason.
                return "\(failure.location): \(failure.line): \(failure.message)"
            }
        }
        return nil
    }

    private func play(_ script: Script, index: Int) -> ScriptFailure? {
        let steps = StepPlan(script, scriptIndex: index)
        // Each run has its own cursor: calls its app still makes once the script is over are counted apart.
        let cursor = StepCursor()
        defer { cursor.current = StepPlan.afterEnd(of: script) }
        let api = MeasuredStoreAPI(client, recorder: recorder, cursor: cursor)
        var stepBegan = DispatchTime.now().uptimeNanoseconds
        var position = 0
        var options = ScriptRunner.Options()
        options.observer = { [recorder, cursor] _, failure in
            let now = DispatchTime.now().uptimeNanoseconds
            if failure != nil || steps.endsStep[position] {
                recorder.recordStep(steps.stepOf[position], seconds: Double(now - stepBegan) / 1e9, failed: failure != nil)
                stepBegan = now
            }
            position += 1
            if position < steps.stepOf.count { cursor.current = steps.stepOf[position].name }
        }
        if let first = steps.stepOf.first { cursor.current = first.name }
        var settings = ScriptSession.Settings(endpointLabel: plan.endpointLabel, runner: options)
        settings.requestThreads = plan.requestThreads
        if case .failed(let failure) = ScriptSession.play(script, api: api, settings: settings) { return failure }
        return nil
    }

    private func variables(iteration: Int) -> [String: String] {
        var variables = plan.environment
        variables["SHOPPER"] = String(number)
        variables["ITERATION"] = String(iteration)
        if let account {
            variables["SHOPPER_EMAIL"] = account.email
            variables["SHOPPER_PASSWORD"] = account.password
        }
        return variables
    }
}
