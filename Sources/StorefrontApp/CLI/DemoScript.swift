import Foundation
import StoreServices

/// The checkout demo bundled with the app (`Resources/demo.keys`), played by
/// `storefront --demo` on the embedded shop at human pace.
enum DemoScript {
    static let pace: TimeInterval = 0.12
    static let resourceName = "demo.keys"

    struct Missing: Error, CustomStringConvertible {
        var description: String { "the demo script is not installed beside the storefront binary" }
    }

    static func load() throws -> Script {
        guard let path = locate() else { throw Missing() }
        return try ScriptParser.parse(file: path)
    }

    /// The resource bundle sits beside the executable; a missing one is an error, not a crash.
    static func locate() -> String? {
        BundledResource.path("Resources/\(resourceName)", bundle: "storefront_StorefrontApp")
    }
}
