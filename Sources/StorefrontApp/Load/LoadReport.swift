import Foundation

/// The result of a load run: the step table printed at the end, and the same
/// figures with latency histograms as JSON (`--report FILE.json`). Times are
/// milliseconds.
struct LoadReport: Codable {
    struct Call: Codable {
        /// Method and path template, e.g. `GET /cart/v1/carts/{cartId}`.
        var endpoint: String
        var latency: Latencies.Summary
    }
    struct Step: Codable {
        var name: String
        /// Nil for the calls an app made after its script had ended, which belong to no step.
        var time: Latencies.Summary?
        /// The calls the client started while the shopper was in this step.
        var http: [Call]
    }
    /// A reason and how often it happened.
    struct Failure: Codable {
        var reason: String
        var count: Int
    }

    var scripts: [String]
    var shoppers: Int
    var store: String
    var seconds: Double
    var iterations: Int
    var failedIterations: Int
    /// Payments the store approved, one per order: each an order the services record as paid.
    var completedCheckouts: Int
    /// The orders the embedded shop's order database recorded as paid during the run (nil with `--api`).
    var paidOrdersInShop: Int?
    var requests: Int
    var requestsPerSecond: Double
    var steps: [Step]
    /// Every endpoint over the whole run.
    var http: [Call]
    var failures: [Failure]
    /// Failed HTTP calls by endpoint and reason (`POST /order/v1/orders → 409 cart_changed`).
    var httpErrors: [Failure]
    /// With `--mix checkout`: the orders paid and how long after payment their OrderPurchased effects were done.
    var effects: Effects?

    struct Effects: Codable {
        var orders: Int
        var paidPerSecond: Double
        /// Per paid order, payment to its pipeline's last step.
        var done: Latencies.Summary
        /// Paid orders whose pipeline was not complete well after the run.
        var notDone: Int
    }

    init(_ recorder: LoadRecorder, scripts: [String], shoppers: Int, store: String, seconds: Double) {
        let gathered = recorder.snapshot()
        func calls(_ byEndpoint: [String: Latencies]) -> [Call] {
            byEndpoint.sorted { $0.key < $1.key }.map { Call(endpoint: $0.key, latency: $0.value.summary()) }
        }
        var everything: [String: Latencies] = [:]
        for (_, byEndpoint) in gathered.calls {
            for (endpoint, latencies) in byEndpoint { everything[endpoint, default: Latencies()].merge(latencies) }
        }
        self.scripts = scripts
        self.shoppers = shoppers
        self.store = store
        self.seconds = seconds
        iterations = gathered.counts.iterations
        failedIterations = gathered.counts.failedIterations
        completedCheckouts = gathered.counts.checkouts
        requests = gathered.counts.requests
        requestsPerSecond = seconds > 0 ? Double(requests) / seconds : 0
        steps = gathered.steps.map { key, latencies in
            Step(name: key.name, time: latencies.summary(), http: calls(gathered.calls[key.name] ?? [:]))
        }
        let named = Set(gathered.steps.map(\.0.name))
        steps += gathered.calls.keys.filter { !named.contains($0) }.sorted().map { name in
            Step(name: name, time: nil, http: calls(gathered.calls[name] ?? [:]))
        }
        http = calls(everything)
        failures = Self.mostFirst(gathered.failures)
        httpErrors = Self.mostFirst(gathered.callErrors)
    }

    private static func mostFirst(_ counts: [String: Int]) -> [Failure] {
        counts.sorted { ($1.value, $0.key) < ($0.value, $1.key) }.map { Failure(reason: $0.key, count: $0.value) }
    }

    var failureRate: Double { iterations == 0 ? 0 : Double(failedIterations) / Double(iterations) }

    func json() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        return try encoder.encode(self)
    }

    /// The table printed at the end of a run.
    var text: String {
        var lines: [String] = []
        lines.append("storefront load: \(shoppers) shopper\(shoppers == 1 ? "" : "s") on the \(store), \(String(format: "%.1f", seconds)) s")
        lines.append("iterations \(iterations), failed \(failedIterations) · completed checkouts \(completedCheckouts)"
                     + (paidOrdersInShop.map { " (orders paid in the shop's database: \($0))" } ?? "")
                     + " · HTTP calls \(requests) (\(String(format: "%.1f", requestsPerSecond))/s)")
        if let effects {
            lines.append("paid orders \(effects.orders) (\(String(format: "%.1f", effects.paidPerSecond))/s) · effects done after payment"
                         + " p50 \(Self.ms(effects.done.p50)), p99 \(Self.ms(effects.done.p99)), max \(Self.ms(effects.done.max))"
                         + " · not done \(effects.notDone)")
        }
        lines.append("")
        let nameWidth = 56
        lines.append(Self.row("step", nameWidth, ["count", "failed", "p50", "p95", "p99", "max"]))
        for step in steps {
            if let time = step.time {
                lines.append(Self.row(step.name, nameWidth, ["\(time.count)", "\(time.failures)", Self.ms(time.p50),
                                                             Self.ms(time.p95), Self.ms(time.p99), Self.ms(time.max)]))
            } else {
                lines.append(step.name)
            }
            for call in step.http {
                let latency = call.latency
                lines.append(Self.row("    " + call.endpoint, nameWidth, ["\(latency.count)", "\(latency.failures)",
                                                                         Self.ms(latency.p50), "", Self.ms(latency.p99),
                                                                         Self.ms(latency.max)]))
            }
        }
        Self.list("failed iterations:", failures, into: &lines)
        Self.list("failed HTTP calls:", httpErrors, into: &lines)
        return lines.joined(separator: "\n")
    }

    private static func list(_ title: String, _ failures: [Failure], into lines: inout [String]) {
        guard !failures.isEmpty else { return }
        lines.append("")
        lines.append(title)
        for failure in failures.prefix(10) { lines.append("  \(failure.count) × \(failure.reason)") }
        if failures.count > 10 { lines.append("  … and \(failures.count - 10) other reasons (all in --report)") }
    }

    private static func row(_ name: String, _ width: Int, _ cells: [String]) -> String {
        let shown = name.count > width ? String(name.prefix(width - 1)) + "…" : name
        let padded = shown.padding(toLength: width, withPad: " ", startingAt: 0)
        return padded + cells.map { $0.leftPadded(to: 9) }.joined()
    }

    private static func ms(_ milliseconds: Double) -> String {
        milliseconds < 10 ? String(format: "%.1f ms", milliseconds) : "\(Int(milliseconds.rounded())) ms"
    }
}

private extension String {
    func leftPadded(to width: Int) -> String {
        count >= width ? " " + self : String(repeating: " ", count: width - count) + self
    }
}
