import Foundation

/// Faults to inject on purpose, for tests and for demos of how the client and
/// the OrderPurchased pipeline cope: `betterstore serve --fault NAME=VALUE`
/// (repeatable) or `BETTERSTORE_FAULTS="NAME=VALUE,NAME=VALUE"`.
///
/// | name | value | effect |
/// |---|---|---|
/// | `latency.SERVICE` | duration (`250ms`, `2s`) | every request to the service waits this long first |
/// | `errors.SERVICE` | rate (`0.2`, `20%`) | that share of its requests answer 503 `fault_injected` |
/// | `order.refuse-payment-events` | rate | the order service answers an approved payment with 503, so it is not recorded |
/// | `mail.fail` | rate | sending a receipt or download email fails |
/// | `dispatcher.stall` | `on` / `off` | the outbox dispatcher delivers nothing |
///
/// SERVICE is `product`, `cart`, `user`, `order`, `payment` or `all`.
public struct FaultPlan: Sendable, Equatable {
    public static let environmentVariable = "BETTERSTORE_FAULTS"
    public static let services = ["product", "cart", "user", "order", "payment"]

    public var latency: [String: TimeInterval] = [:]
    public var errorRate: [String: Double] = [:]
    public var refusePaymentEvents: Double = 0
    public var mailFailure: Double = 0
    public var dispatcherStalled = false

    public init() {}

    public var isEmpty: Bool { self == FaultPlan() }

    /// Parses `NAME=VALUE` settings; the error names the setting at fault.
    public static func parse(_ settings: [String]) throws -> FaultPlan {
        var plan = FaultPlan()
        for setting in settings {
            try plan.apply(setting)
        }
        return plan
    }

    /// The plan in the environment variable (comma-separated settings), or an empty plan.
    public static func fromEnvironment(_ environment: [String: String] = ProcessInfo.processInfo.environment) throws -> FaultPlan {
        guard let text = environment[environmentVariable]?.trimmingCharacters(in: .whitespaces), !text.isEmpty else {
            return FaultPlan()
        }
        return try parse(text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) })
    }

    /// Adds one `NAME=VALUE` setting, replacing an earlier value of the same fault.
    public mutating func apply(_ setting: String) throws {
        let parts = setting.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
        guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else {
            throw FaultPlanError("'\(setting)' is not NAME=VALUE")
        }
        let (name, value) = (parts[0], parts[1])
        if name.hasPrefix("latency.") {
            let service = try Self.service(in: name)
            guard let seconds = Self.duration(value) else {
                throw FaultPlanError("\(name) takes a duration such as 250ms or 2s, not '\(value)'")
            }
            for each in service { latency[each] = seconds }
        } else if name.hasPrefix("errors.") {
            let service = try Self.service(in: name)
            let rate = try Self.rate(value, name)
            for each in service { errorRate[each] = rate }
        } else if name == "order.refuse-payment-events" {
            refusePaymentEvents = try Self.rate(value, name)
        } else if name == "mail.fail" {
            mailFailure = try Self.rate(value, name)
        } else if name == "dispatcher.stall" {
            switch value.lowercased() {
            case "on", "true", "1", "yes": dispatcherStalled = true
            case "off", "false", "0", "no": dispatcherStalled = false
            default: throw FaultPlanError("dispatcher.stall takes on or off, not '\(value)'")
            }
        } else {
            throw FaultPlanError("unknown fault '\(name)'; known: latency.SERVICE, errors.SERVICE, "
                                 + "order.refuse-payment-events, mail.fail, dispatcher.stall")
        }
    }

    /// The plan in words, e.g. "latency.order=250ms, mail.fail=100%".
    public var summary: String {
        var parts: [String] = []
        for (service, delay) in latency.sorted(by: { $0.key < $1.key }) { parts.append("latency.\(service)=\(Int(delay * 1000))ms") }
        for (service, rate) in errorRate.sorted(by: { $0.key < $1.key }) { parts.append("errors.\(service)=\(Self.percent(rate))") }
        if refusePaymentEvents > 0 { parts.append("order.refuse-payment-events=\(Self.percent(refusePaymentEvents))") }
        if mailFailure > 0 { parts.append("mail.fail=\(Self.percent(mailFailure))") }
        if dispatcherStalled { parts.append("dispatcher.stall=on") }
        return parts.isEmpty ? "none" : parts.joined(separator: ", ")
    }

    private static func percent(_ rate: Double) -> String { "\(Int((rate * 100).rounded()))%" }

    private static func service(in name: String) throws -> [String] {
        let service = String(name.drop { $0 != "." }.dropFirst())
        if service == "all" { return services }
        guard services.contains(service) else {
            throw FaultPlanError("'\(service)' in \(name) is not a service; use one of \(services.joined(separator: ", ")) or all")
        }
        return [service]
    }

    /// `0.25`, `25%`, `1`, `on` (= 1).
    private static func rate(_ text: String, _ name: String) throws -> Double {
        let lower = text.lowercased()
        if ["on", "true", "yes"].contains(lower) { return 1 }
        if ["off", "false", "no"].contains(lower) { return 0 }
        let value = lower.hasSuffix("%") ? Double(lower.dropLast()).map { $0 / 100 } : Double(lower)
        guard let value, value.isFinite, (0...1).contains(value) else {
            throw FaultPlanError("\(name) takes a rate from 0 to 1 (or 0% to 100%), not '\(text)'")
        }
        return value
    }

    /// `250ms`, `2s`, `1.5s`; at most a minute.
    private static func duration(_ text: String) -> TimeInterval? {
        let lower = text.lowercased()
        let seconds: Double?
        if lower.hasSuffix("ms") { seconds = Double(lower.dropLast(2)).map { $0 / 1000 } }
        else if lower.hasSuffix("s") { seconds = Double(lower.dropLast()) }
        else { seconds = nil }
        guard let seconds, seconds.isFinite, (0...60).contains(seconds) else { return nil }
        return seconds
    }
}

public struct FaultPlanError: Error, CustomStringConvertible, Equatable {
    public var description: String
    init(_ description: String) { self.description = description }
}
