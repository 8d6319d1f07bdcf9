import CCrypto
import CCurl

/// libcurl's global state must be set up once per process before any handle
/// exists, and curl_global_init is not thread-safe, so it happens behind a `static let`.
///
/// OpenSSL is told first not to clean itself up at exit: requests run on
/// background threads, and a process that exits while one is in a TLS call
/// (a script that ends, `q` pressed while loading) would have OpenSSL's atexit
/// handler free the locks and keys that call is using — a crash at exit. The
/// first initialisation decides, so this precedes libcurl's own.
enum CurlGlobal {
    private static let initialised: Bool = {
        _ = OPENSSL_init_crypto(UInt64(OPENSSL_INIT_NO_ATEXIT), nil)
        return curl_global_init(Int(CURL_GLOBAL_DEFAULT)) == CURLE_OK
    }()

    static func ensureInitialised() {
        _ = initialised
    }
}
