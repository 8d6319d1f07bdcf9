import Foundation
import StoreCore

/// `storefront load`: many headless shoppers in this process, each looping the
/// scripts on its own virtual screen (or a built-in mix of API calls, `--mix`)
/// against one store, then a table of the steps' times and the HTTP calls made in each. Exit status 0 when no
/// iteration failed (or no more than `--max-failure-rate`), 1 otherwise, 2
/// when the command line or a script is wrong or the report cannot be written.
public enum LoadCommand {
    public static func run(arguments: [String], environment: [String: String] = ProcessInfo.processInfo.environment,
                           output: (String) -> Void = { print($0) }) -> Int32 {
        let options: LoadOptions
        do {
            options = try LoadOptions.parse(arguments, environment: environment)
        } catch {
            StandardError.print("storefront: \(error)")
            if error is UsageError { StandardError.print(Usage.text) }
            return 2
        }
        if options.showHelp { output(Usage.text); return 0 }
        guard let needsAccounts = checkScripts(options.scripts, environment: environment) else { return 2 }

        let connection: ShopConnection
        var scratch: String?
        var shopDirectory: String?
        var paidBefore: Int?
        do {
            if let url = options.apiURL {
                connection = .remote(url, authorities: options.authorities)
            } else {
                let directory = options.dataDirectory ?? FileManager.default.temporaryDirectory
                    .appendingPathComponent("storefront-load-\(UUID().uuidString)").path
                if options.dataDirectory == nil { scratch = directory }
                shopDirectory = directory
                connection = try LoadShop.start(dataDirectory: directory, shoppers: options.shoppers)
                paidBefore = LoadShop.paidOrders(dataDirectory: directory)
            }
        } catch {
            StandardError.print("storefront: cannot start the embedded shop: \(error)")
            return 1
        }
        defer {
            connection.close()
            if let scratch { try? FileManager.default.removeItem(atPath: scratch) }
        }

        let plan = LoadPlan(files: options.scripts, baseURL: connection.baseURL, endpointLabel: connection.endpointLabel,
                            authorities: options.authorities, environment: environment, needsAccounts: needsAccounts,
                            iterations: options.iterations, duration: options.duration)
        let recorder = LoadRecorder()
        let ledger = PaidOrderLedger()
        let progress = LiveProgress(recorder: recorder, shoppers: options.shoppers)
        // The run's time starts once every shopper has signed up: a sign-up (a password hash) is its preparation.
        var began = DispatchTime.now()
        Crowd.run(shoppers: options.shoppers, ramp: options.ramp, make: { number -> LoadShopper in
            options.mix == .checkout ? CheckoutMixShopper(number: number, plan: plan, recorder: recorder, ledger: ledger)
                                     : Shopper(number: number, plan: plan, recorder: recorder)
        }, started: {
            plan.startClock()
            began = DispatchTime.now()
        })
        progress.stop()
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - began.uptimeNanoseconds) / 1e9

        var report = LoadReport(recorder, scripts: options.mix.map { ["--mix \($0.rawValue)"] } ?? options.scripts,
                                shoppers: options.shoppers, store: connection.endpointLabel, seconds: seconds)
        if options.mix == .checkout {
            let effects = EffectTimes.read(ledger.all, plan: plan)
            report.effects = LoadReport.Effects(orders: ledger.all.count, paidPerSecond: Double(ledger.all.count) / seconds,
                                                done: effects.latencies.summary(), notDone: effects.notDone)
        }
        if let shopDirectory, let before = paidBefore, let after = LoadShop.paidOrders(dataDirectory: shopDirectory) {
            report.paidOrdersInShop = after - before
        }
        output(report.text)
        if let path = options.reportPath {
            do {
                try report.json().write(to: URL(fileURLWithPath: path))
            } catch {
                StandardError.print("storefront: cannot write the report \(path): \(error.localizedDescription)")
                return 2
            }
        }
        let allowed = options.maxFailureRate ?? 0
        let passed = report.iterations > 0 && (options.maxFailureRate == nil ? report.failedIterations == 0
                                                                              : report.failureRate <= allowed)
        return passed ? 0 : 1
    }

    /// Parses every script once as shopper 1 would, so a wrong script stops
    /// the run before it starts (nil after printing why). True when a script
    /// types `${SHOPPER_EMAIL}`, so shoppers need accounts of their own.
    static func checkScripts(_ files: [String], environment: [String: String]) -> Bool? {
        let marker = "\u{1}shopper-email\u{1}"
        var variables = environment
        variables["SHOPPER"] = "1"
        variables["ITERATION"] = "1"
        variables["SHOPPER_EMAIL"] = marker
        variables["SHOPPER_PASSWORD"] = "password"
        var needsAccounts = false
        for file in files {
            do {
                let script = try ScriptParser.parse(file: file, environment: variables)
                needsAccounts = needsAccounts || script.steps.contains {
                    if case .type(let text) = $0.command { return text.contains(marker) }
                    return false
                }
            } catch {
                StandardError.print("\(error)")
                return nil
            }
        }
        return needsAccounts
    }
}

/// A shopper of a load run: prepared (signed up) before the run's clock starts, then run until the plan says stop.
protocol LoadShopper: AnyObject {
    /// False when the shopper could not prepare (its failure recorded); it then does not run.
    func prepare() -> Bool
    func run()
}

/// The shoppers of a run, each on its own thread: all prepared side by side
/// first, then, once `started` has run, started evenly over the ramp.
enum Crowd {
    /// Returns when every shopper has finished its last iteration.
    static func run(shoppers: Int, ramp: TimeInterval, make: (Int) -> LoadShopper, started: () -> Void) {
        let crowd = (1...shoppers).map { UncheckedShopper(make($0)) }
        let ready = ThreadSafeFlags(count: shoppers)
        let preparing = DispatchGroup()
        for (index, shopper) in crowd.enumerated() {
            preparing.enter()
            spawn {
                ready.set(index, shopper.value.prepare())
                preparing.leave()
            }
        }
        preparing.wait()
        started()
        let group = DispatchGroup()
        let start = DispatchTime.now()
        for (index, shopper) in crowd.enumerated() where ready.get(index) {
            let delay = ramp * Double(index) / Double(shoppers)
            let due = start + delay
            let wait = Double(Int64(due.uptimeNanoseconds) - Int64(DispatchTime.now().uptimeNanoseconds)) / 1e9
            if wait > 0 { Thread.sleep(forTimeInterval: wait) }
            group.enter()
            spawn {
                shopper.value.run()
                group.leave()
            }
        }
        group.wait()
    }

    /// A shopper's thread, named so a profile of the run tells the shoppers' work from the shop's.
    private static func spawn(_ body: @escaping @Sendable () -> Void) {
        let thread = Thread {
            Thread.current.name = "load-shopper"
            body()
        }
        thread.stackSize = 1 << 20
        thread.start()
    }

    /// A shopper handed to its thread; only that thread uses it at a time.
    private struct UncheckedShopper: @unchecked Sendable {
        let value: LoadShopper
        init(_ value: LoadShopper) { self.value = value }
    }

    /// Which shoppers prepared, written by their threads.
    private final class ThreadSafeFlags: @unchecked Sendable {
        private let lock = NSLock()
        private var flags: [Bool]
        init(count: Int) { flags = Array(repeating: false, count: count) }
        func set(_ index: Int, _ value: Bool) { lock.lock(); flags[index] = value; lock.unlock() }
        func get(_ index: Int) -> Bool { lock.lock(); defer { lock.unlock() }; return flags[index] }
    }
}
