import Foundation
import StoreHTTP

/// `storefront load (SCRIPT… | --mix checkout) --shoppers N (--duration 60s | --iterations K) [--ramp 10s]
/// [--api URL] [--cacert FILE] [--data-dir DIR] [--report FILE.json] [--max-failure-rate R]`
public struct LoadOptions: Equatable {
    /// A built-in mix of API calls played instead of scripts.
    public enum Mix: String, Equatable {
        /// Put a line in the cart, create the order, pay it (`CheckoutMixShopper`).
        case checkout
    }

    public var scripts: [String] = []
    public var mix: Mix?
    public var shoppers = 1
    public var duration: TimeInterval?
    public var iterations: Int?
    public var ramp: TimeInterval = 0
    public var apiURL: String?
    public var caCertificatePath: String?
    public var authorities = CertificateAuthorities.system
    public var reportPath: String?
    /// Where the embedded shop keeps its data (a temporary folder, removed after, when not given).
    public var dataDirectory: String?
    /// Failed iterations allowed, as a fraction of all (0.01 is 1 %); nil allows none.
    public var maxFailureRate: Double?
    public var showHelp = false

    public static let mostShoppers = 10_000

    public static func parse(_ arguments: [String],
                             environment: [String: String] = ProcessInfo.processInfo.environment) throws -> LoadOptions {
        var options = LoadOptions()
        var reader = ArgumentReader(arguments)
        func duration(_ flag: String) throws -> TimeInterval {
            let text = try reader.value(for: flag)
            guard let value = Durations.parse(text), value > 0 || flag == "--ramp" else {
                throw UsageError(message: "\(flag): bad duration \"\(text)\" (e.g. 30s, 2m)")
            }
            return value
        }
        func count(_ flag: String, in range: ClosedRange<Int>) throws -> Int {
            let text = try reader.value(for: flag)
            guard let value = Int(text), range.contains(value) else {
                throw UsageError(message: "\(flag): \"\(text)\" is not a whole number from \(range.lowerBound) to \(range.upperBound)")
            }
            return value
        }
        while let argument = reader.next() {
            switch argument {
            case "--shoppers": options.shoppers = try count(argument, in: 1...mostShoppers)
            case "--duration": options.duration = try duration(argument)
            case "--iterations": options.iterations = try count(argument, in: 1...1_000_000)
            case "--ramp": options.ramp = try duration(argument)
            case "--api": options.apiURL = try ArgumentReader.httpURL(reader.value(for: argument), for: argument)
            case "--cacert": options.caCertificatePath = try reader.value(for: argument)
            case "--report": options.reportPath = try reader.value(for: argument)
            case "--mix":
                let text = try reader.value(for: argument)
                guard let mix = Mix(rawValue: text) else { throw UsageError(message: "--mix: \"\(text)\" is not a mix (checkout)") }
                options.mix = mix
            case "--data-dir": options.dataDirectory = try reader.value(for: argument)
            case "--max-failure-rate":
                let text = try reader.value(for: argument)
                guard let rate = Double(text), (0...1).contains(rate) else {
                    throw UsageError(message: "--max-failure-rate: \"\(text)\" is not a fraction from 0 to 1 (e.g. 0.01)")
                }
                options.maxFailureRate = rate
            case "-h", "--help": options.showHelp = true
            default:
                if argument.hasPrefix("-") { throw UsageError(message: "unknown option \(argument) for storefront load") }
                options.scripts.append(argument)
            }
        }
        if options.showHelp { return options }
        guard options.scripts.isEmpty != (options.mix == nil) else {
            throw UsageError(message: "storefront load needs either scripts or --mix")
        }
        guard (options.duration == nil) != (options.iterations == nil) else {
            throw UsageError(message: "storefront load needs either --duration or --iterations")
        }
        options.authorities = try CertificateAuthorities.resolve(cacert: options.caCertificatePath,
                                                                 environment: environment).validated()
        return options
    }
}
