import Foundation
import StoreHTTP

/// What `storefront [options]` was asked to do.
public struct LaunchOptions: Equatable {
    public var apiURL: String?
    /// `--cacert FILE` as given.
    public var caCertificatePath: String?
    /// Who an https:// store's certificate must come from: `--cacert`, else the environment's, checked at start.
    public var authorities = CertificateAuthorities.system
    public var dataDirectory: String?
    public var theme: String?
    public var scriptPath: String?
    public var onTerminal = false
    public var pace: TimeInterval?
    public var snapshotsDirectory: String?
    public var updateSnapshots = false
    /// `--snapshot-format svg`: each snapshot is also drawn as NAME.svg.
    public var pictureFormat = PictureFormat.txt
    public var clock: Date?
    public var demo = false
    public var recordPath: String?
    /// `--cast FILE`: an asciicast v2 recording of the screen.
    public var castPath: String?
    /// `--frame-stats FILE`: one line per frame drawn, with its timings (see `FrameStatistics`).
    public var frameStatisticsPath: String?
    /// Where a failed script also writes its failure as JSON (for `storefront test`).
    public var failureReportPath: String?
    public var showHelp = false
    public var showVersion = false

    public init() {}
}

/// A command line that cannot be run as written (exit status 2).
public struct UsageError: Error, CustomStringConvertible, Equatable {
    public var message: String
    public var description: String { message }
}

extension LaunchOptions {
    /// Throws `UsageError`, or `CertificateFileError` when the certificate file
    /// (`--cacert`, CURL_CA_BUNDLE or SSL_CERT_FILE) cannot be used.
    public static func parse(_ arguments: [String],
                             environment: [String: String] = ProcessInfo.processInfo.environment) throws -> LaunchOptions {
        var options = LaunchOptions()
        var reader = ArgumentReader(arguments)
        while let argument = reader.next() {
            switch argument {
            case "--api": options.apiURL = try reader.value(for: argument)
            case "--cacert": options.caCertificatePath = try reader.value(for: argument)
            case "--data-dir": options.dataDirectory = try reader.value(for: argument)
            case "--theme": options.theme = try reader.value(for: argument)
            case "--script": options.scriptPath = try reader.value(for: argument)
            case "--tty": options.onTerminal = true
            case "--pace":
                let text = try reader.value(for: argument)
                guard let pace = Durations.parse(text), pace <= ScriptLimits.longestDuration else {
                    throw UsageError(message: "--pace: bad duration \"\(text)\" (e.g. 40ms, at most 10m)")
                }
                options.pace = pace
            case "--snapshots": options.snapshotsDirectory = try reader.value(for: argument)
            case "--update-snapshots": options.updateSnapshots = true
            case "--snapshot-format": options.pictureFormat = try reader.pictureFormat(for: argument)
            case "--clock": options.clock = try reader.time(for: argument)
            case "--demo": options.demo = true
            case "--record": options.recordPath = try reader.value(for: argument)
            case "--cast": options.castPath = try reader.value(for: argument)
            case "--frame-stats": options.frameStatisticsPath = try reader.value(for: argument)
            case "--failure-report": options.failureReportPath = try reader.value(for: argument)
            case "-h", "--help": options.showHelp = true
            case "--version": options.showVersion = true
            default:
                throw UsageError(message: argument.hasPrefix("-")
                    ? "unknown option \(argument)" : "unexpected argument \(argument)")
            }
        }
        if let api = options.apiURL { _ = try ArgumentReader.httpURL(api, for: "--api") }
        if options.onTerminal && options.scriptPath == nil {
            throw UsageError(message: "--tty plays a script on the terminal: give it --script FILE")
        }
        if options.demo && options.scriptPath != nil {
            throw UsageError(message: "--demo plays its own script: leave out --script")
        }
        if options.recordPath != nil && (options.scriptPath != nil || options.demo) {
            throw UsageError(message: "--record records an interactive session: leave out --script and --demo")
        }
        options.authorities = try CertificateAuthorities.resolve(cacert: options.caCertificatePath,
                                                                 environment: environment).validated()
        return options
    }
}
