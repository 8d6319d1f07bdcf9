import Foundation

/// This package's folder and the executables built beside the test bundle.
public enum BuildProducts {
    /// The package root (two folders above Tests/TestSupport).
    public static let repositoryRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The built executable `name` (e.g. "betterstore"): the nearest folder above
    /// the test bundle that holds it, as SwiftPM puts products beside the bundle.
    public static func executable(_ name: String) -> URL {
        var directory = Bundle.main.bundleURL
        while directory.pathComponents.count > 1 {
            let candidate = directory.appendingPathComponent(name)
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            directory.deleteLastPathComponent()
        }
        return Bundle.main.bundleURL.deletingLastPathComponent().appendingPathComponent(name)
    }
}
