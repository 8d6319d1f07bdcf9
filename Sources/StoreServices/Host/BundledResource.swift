import Foundation

/// Finds a file SwiftPM copied into a target's resource bundle
/// (`<package>_<target>.resources`, installed beside the executable).
/// `Bundle.module` would stop the process when the bundle is missing; this
/// answers nil instead, so the caller can say what is missing.
public enum BundledResource {
    public static func path(_ name: String, bundle: String) -> String? {
        let executable = URL(fileURLWithPath: CommandLine.arguments.first ?? "").resolvingSymlinksInPath()
        let folders = [executable.deletingLastPathComponent(), Bundle.main.bundleURL, Bundle.main.resourceURL]
            .compactMap { $0 }
        for folder in folders {
            let path = folder.appendingPathComponent("\(bundle).resources/\(name)").path
            if FileManager.default.fileExists(atPath: path) { return path }
        }
        return nil
    }
}
