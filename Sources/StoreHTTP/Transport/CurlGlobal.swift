import CCurl

/// libcurl's global state must be set up once per process before any handle
/// exists, and curl_global_init is not thread-safe, so it happens behind a `static let`.
enum CurlGlobal {
    private static let initialised: Bool = {
        curl_global_init(Int(CURL_GLOBAL_DEFAULT)) == CURLE_OK
    }()

    static func ensureInitialised() {
        _ = initialised
    }
}
