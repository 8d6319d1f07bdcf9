import Foundation
import StoreHTTP

/// `storefront test PATH... [--jobs N] [--retries N] [--api URL] [--cacert FILE] [--junit FILE] [--html FILE] [--cast DIR]
/// [--snapshots DIR] [--snapshot-format svg|txt] [--update-snapshots] [--clock TIME]`
public struct TestOptions: Equatable {
    public var paths: [String] = []
    public var apiURL: String?
    /// `--cacert FILE` as given (passed on to each script's own process).
    public var caCertificatePath: String?
    /// `--cacert`, else the environment's certificate file, checked at start.
    public var authorities = CertificateAuthorities.system
    public var junitPath: String?
    /// `--cast DIR`: each failed script's run as an asciicast, `DIR/NAME.cast`.
    public var castDirectory: String?
    /// `--html FILE`: one self-contained page with each script's result and the screens of failures.
    public var htmlPath: String?
    public var snapshotsDirectory: String?
    /// `--snapshot-format svg`: snapshots and failure screens are also drawn as SVG pictures.
    public var pictureFormat = PictureFormat.txt
    /// `--jobs N`: how many scripts run at once, each on its own shop.
    public var jobs = ProcessInfo.processInfo.activeProcessorCount
    /// `--retries N`: how often a failed script is run again; one that then passes is flaky.
    public var retries = 0
    public var updateSnapshots = false
    public var clock: Date?
    public var showHelp = false

    /// Throws `UsageError`, or `CertificateFileError` for a certificate file that cannot be used.
    public static func parse(_ arguments: [String],
                             environment: [String: String] = ProcessInfo.processInfo.environment) throws -> TestOptions {
        var options = TestOptions()
        var reader = ArgumentReader(arguments)
        while let argument = reader.next() {
            switch argument {
            case "--api": options.apiURL = try ArgumentReader.httpURL(reader.value(for: argument), for: argument)
            case "--cacert": options.caCertificatePath = try reader.value(for: argument)
            case "--junit": options.junitPath = try reader.value(for: argument)
            case "--cast": options.castDirectory = try reader.value(for: argument)
            case "--html": options.htmlPath = try reader.value(for: argument)
            case "--snapshots": options.snapshotsDirectory = try reader.value(for: argument)
            case "--snapshot-format": options.pictureFormat = try reader.pictureFormat(for: argument)
            case "--jobs": options.jobs = try reader.count(for: argument, in: 1...TestOptions.mostJobs)
            case "--retries": options.retries = try reader.count(for: argument, in: 0...TestOptions.mostRetries)
            case "--update-snapshots": options.updateSnapshots = true
            case "-h", "--help": options.showHelp = true
            case "--clock": options.clock = try reader.time(for: argument)
            default:
                if argument.hasPrefix("-") { throw UsageError(message: "unknown option \(argument) for storefront test") }
                options.paths.append(argument)
            }
        }
        guard !options.paths.isEmpty || options.showHelp else { throw UsageError(message: "storefront test needs at least one script or directory") }
        options.authorities = try CertificateAuthorities.resolve(cacert: options.caCertificatePath,
                                                                 environment: environment).validated()
        return options
    }
}

extension TestOptions {
    static let mostJobs = 256
    static let mostRetries = 10
}

extension ArgumentReader {
    /// A whole number within `range`, e.g. `--jobs 4`.
    mutating func count(for flag: String, in range: ClosedRange<Int>) throws -> Int {
        let text = try value(for: flag)
        guard let number = Int(text), range.contains(number) else {
            throw UsageError(message: "\(flag): \"\(text)\" is not a whole number from \(range.lowerBound) to \(range.upperBound)")
        }
        return number
    }

    /// `--snapshot-format svg|txt`.
    mutating func pictureFormat(for flag: String) throws -> PictureFormat {
        let text = try value(for: flag)
        guard let format = PictureFormat(rawValue: text.lowercased()) else {
            throw UsageError(message: "\(flag): \"\(text)\" is not one of svg, txt")
        }
        return format
    }
}
