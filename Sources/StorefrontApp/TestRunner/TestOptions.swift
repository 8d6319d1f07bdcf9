import Foundation
import StoreHTTP

/// `storefront test PATH... [--api URL] [--cacert FILE] [--junit FILE] [--cast DIR] [--snapshots DIR] [--update-snapshots] [--clock TIME]`
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
    public var snapshotsDirectory: String?
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
            case "--snapshots": options.snapshotsDirectory = try reader.value(for: argument)
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
