import Foundation

/// Files of this package and its build, found from the test's own location.
enum RepositoryPaths {
    /// The package root (two folders above Tests/TerminalTests).
    static let root: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    static let themes = root.appendingPathComponent("themes")

    /// The built `storefront`, in the build products folder next to the test bundle.
    static var storefrontExecutable: URL? {
        let testBinary = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe"))
            ?? CommandLine.arguments[0]
        let candidate = URL(fileURLWithPath: testBinary).deletingLastPathComponent().appendingPathComponent("storefront")
        return FileManager.default.isExecutableFile(atPath: candidate.path) ? candidate : nil
    }

    static func temporaryDirectory(_ label: String) throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("storefront-\(label)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}
