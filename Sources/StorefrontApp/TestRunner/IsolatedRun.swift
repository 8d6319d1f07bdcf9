import Foundation
import StoreCore

/// Runs one script of `storefront test` in a child `storefront --script`
/// process, so a script that crashes the UI fails alone: the run goes on and
/// the report is still written. Used when this process is the storefront
/// binary; otherwise (tests) scripts run in-process.
enum IsolatedRun {
    /// The storefront executable, when this process is one.
    static let executable: String? = {
        let path = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().path
        return URL(fileURLWithPath: path).lastPathComponent == "storefront" ? path : nil
    }()

    static func run(_ file: String, snapshots: String, options: TestOptions, castPath: String? = nil,
                    executable: String) -> TestResult.Verdict {
        let report = FileManager.default.temporaryDirectory.appendingPathComponent("storefront-failure-\(UUID().uuidString).json")
        defer { try? FileManager.default.removeItem(at: report) }
        var arguments = ["--script", file, "--snapshots", snapshots, "--failure-report", report.path]
        if let url = options.apiURL { arguments += ["--api", url] }
        if let file = options.caCertificatePath { arguments += ["--cacert", file] }
        if options.updateSnapshots { arguments.append("--update-snapshots") }
        if options.pictureFormat != .txt { arguments += ["--snapshot-format", options.pictureFormat.rawValue] }
        if let castPath { arguments += ["--cast", castPath] }
        if let clock = options.clock { arguments += ["--clock", ISO8601DateFormatter().string(from: clock)] }

        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        do {
            try process.run()
        } catch {
            return .broken("cannot start \(executable): \(error.localizedDescription)")
        }
        let errorText = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()

        if process.terminationReason == .uncaughtSignal {
            return .broken("the app crashed (signal \(process.terminationStatus)) — \(lastLines(errorText))")
        }
        switch process.terminationStatus {
        case 0:
            return .passed
        case 1:
            if let data = try? Data(contentsOf: report), let record = try? JSONDecoder().decode(FailureRecord.self, from: data) {
                return .failed(record.failure)
            }
            return .broken(lastLines(errorText))
        default:
            return .broken(errorText.trimmingCharacters(in: .whitespacesAndNewlines))
        }
    }

    /// The end of the child's diagnostics: where a crash says what went wrong.
    private static func lastLines(_ text: String) -> String {
        let lines = text.split(separator: "\n").map(String.init).filter { !$0.trimmingCharacters(in: .whitespaces).isEmpty }
        if let fatal = lines.first(where: { $0.contains("Fatal error") }) { return fatal }
        return lines.suffix(3).joined(separator: " / ")
    }
}

/// A `ScriptFailure` as the child process hands it to `storefront test`.
struct FailureRecord: Codable {
    var file: String
    var line: Int
    var text: String
    var message: String
    var waited: TimeInterval?
    var screen: String
    var columns: Int
    var rows: Int
    var roles: [String]?
    var snapshot: SnapshotMismatch?

    init(_ failure: ScriptFailure) {
        file = failure.location.file; line = failure.location.line; text = failure.line
        message = failure.message; waited = failure.waited; screen = failure.screen
        columns = failure.size.columns; rows = failure.size.rows
        roles = failure.roles; snapshot = failure.snapshot
    }

    var failure: ScriptFailure {
        ScriptFailure(location: SourceLocation(file: file, line: line), line: text, message: message, waited: waited,
                      screen: screen, size: Size(columns: columns, rows: rows), roles: roles, snapshot: snapshot)
    }

    func write(to path: String) {
        guard let data = try? JSONEncoder().encode(self) else { return }
        try? data.write(to: URL(fileURLWithPath: path))
    }
}
