import Foundation

/// `storefront test PATH... [--api URL] [--junit FILE] [--snapshots DIR] [--update-snapshots] [--clock TIME]`
public struct TestOptions: Equatable {
    public var paths: [String] = []
    public var apiURL: String?
    public var junitPath: String?
    public var snapshotsDirectory: String?
    public var updateSnapshots = false
    public var clock: Date?
    public var showHelp = false

    public static func parse(_ arguments: [String]) throws -> TestOptions {
        var options = TestOptions()
        var reader = ArgumentReader(arguments)
        while let argument = reader.next() {
            switch argument {
            case "--api": options.apiURL = try ArgumentReader.httpURL(reader.value(for: argument), for: argument)
            case "--junit": options.junitPath = try reader.value(for: argument)
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
        return options
    }
}
