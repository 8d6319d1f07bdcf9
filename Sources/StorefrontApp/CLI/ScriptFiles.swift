import Foundation

/// The `.keys` files a `storefront test` run covers.
enum ScriptFiles {
    /// Files as given, directories searched recursively in name order.
    /// Files whose name starts with `_` are left out of directory searches:
    /// they are pieces for `include`, not scripts of their own.
    static func collect(_ paths: [String]) throws -> [String] {
        var files: [String] = []
        let manager = FileManager.default
        for path in paths {
            var isDirectory: ObjCBool = false
            guard manager.fileExists(atPath: path, isDirectory: &isDirectory) else {
                throw UsageError(message: "no such file or directory: \(path)")
            }
            guard isDirectory.boolValue else { files.append(path); continue }
            let found = (manager.enumerator(atPath: path)?.allObjects as? [String] ?? [])
                .filter { $0.hasSuffix(".keys") && !(($0 as NSString).lastPathComponent.hasPrefix("_")) }
                .sorted()
                .map { (path as NSString).appendingPathComponent($0) }
            files += found
        }
        return files
    }
}
