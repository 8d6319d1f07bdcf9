import Foundation
import StoreCore
import StoreTerminal

/// The screen of each failed script, saved beside the JUnit report as it fails
/// (`NAME.failure.txt`, and `NAME.failure.svg` with the svg format). Two scripts of the same name in different folders get
/// their folder in the file name, so neither overwrites the other.
struct FailureScreens {
    private let directory: String?
    private let format: PictureFormat
    private var usedNames: Set<String> = []
    /// The first write that failed; the run then ends with status 2.
    private(set) var error: Error?

    init(reportPath: String?, format: PictureFormat = .txt) {
        directory = reportPath.map { ($0 as NSString).deletingLastPathComponent }
        self.format = format
    }

    static func makeDirectory(of file: String) throws {
        let directory = (file as NSString).deletingLastPathComponent
        guard !directory.isEmpty else { return }
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    }

    /// Saves the failure's screen as `NAME.failure.txt` (and `.svg`); returns the paths written,
    /// none when no report is written. `name` comes from `uniqueName(for:)`, so a script's screen and cast share it.
    mutating func save(_ failure: ScriptFailure, named name: String) -> [String] {
        guard let directory, error == nil else { return [] }
        let base = (directory as NSString).appendingPathComponent("\(name).failure")
        var files = [(base + ".txt", "\(failure.location): \(failure.reason)\n" + SnapshotStore.prepare(
            ScriptFailure.framed(failure.screen, size: failure.size), masks: []))]
        if format == .svg {
            files.append((base + ".svg", ScreenSVG.render(failure.styledScreen, theme: .standard,
                                                          title: "\(failure.location): \(failure.reason)")))
        }
        var written: [String] = []
        for (path, text) in files {
            do {
                try Self.makeDirectory(of: path)
                try text.write(toFile: path, atomically: true, encoding: .utf8)
                written.append(path)
            } catch {
                self.error = error
                StandardError.print("storefront: cannot write \(path): \(error.localizedDescription)")
                return written
            }
        }
        return written
    }

    /// The script's name, or with its folder (and a number) when another script of the run has it.
    mutating func uniqueName(for result: TestResult) -> String {
        var name = result.name
        if usedNames.contains(name) {
            let folder = URL(fileURLWithPath: result.path).deletingLastPathComponent().lastPathComponent
            name = "\(folder)-\(result.name)"
            var counter = 2
            while usedNames.contains(name) { name = "\(folder)-\(result.name)-\(counter)"; counter += 1 }
        }
        usedNames.insert(name)
        return name
    }
}
