import Foundation

/// The services' published contract: `api/openapi.json` in the repository
/// (a link to `openapi.json` beside this file, which SwiftPM installs as a
/// resource), served as it is at `GET /openapi.json`.
public enum OpenAPIDocument {
    public static let path = "/openapi.json"

    /// The document's bytes, read once; nil when the resource bundle is not installed beside the binary.
    public static let data: Data? = BundledResource.path("openapi.json", bundle: "storefront_StoreServices")
        .flatMap { FileManager.default.contents(atPath: $0) }

    static func register(on router: Router) {
        router.get(path) { _ in
            guard let data else {
                throw HTTPError(status: 503, type: "api_error", code: "contract_unavailable",
                                message: "The API document is not installed beside this binary.")
            }
            return HTTPResponse(status: 200, headers: ["Content-Type": "application/json; charset=utf-8"], body: data)
        }
    }
}
