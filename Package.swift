// swift-tools-version:6.0
import PackageDescription

/// lld lays out the listed functions first, in that order; a name it no longer finds is skipped.
let startOrderFlags = ["-use-ld=lld",
                       "-Xlinker", "--symbol-ordering-file=\(Context.packageDirectory)/Sources/storefront/start.order",
                       "-Xlinker", "--no-warn-symbol-ordering"]

// One concern per target. C libraries come from Debian packages through
// system-library targets; what Swift cannot import (variadic calls, attribute
// macros) is wrapped in the small C targets under Sources/CShims.
let package = Package(
    name: "storefront",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "storefront", targets: ["storefront"]),
        .executable(name: "betterstore", targets: ["betterstore"]),
    ],
    targets: [
        // C libraries (Debian -dev packages)
        .systemLibrary(name: "CNcursesw", path: "Sources/CLibs/CNcursesw", pkgConfig: "ncursesw",
                       providers: [.apt(["libncurses-dev"])]),
        .systemLibrary(name: "CCurl", path: "Sources/CLibs/CCurl", pkgConfig: "libcurl",
                       providers: [.apt(["libcurl4-openssl-dev"])]),
        .systemLibrary(name: "CMicroHTTPD", path: "Sources/CLibs/CMicroHTTPD", pkgConfig: "libmicrohttpd",
                       providers: [.apt(["libmicrohttpd-dev"])]),
        .systemLibrary(name: "CSQLite", path: "Sources/CLibs/CSQLite", pkgConfig: "sqlite3",
                       providers: [.apt(["libsqlite3-dev"])]),
        .systemLibrary(name: "CMariaDB", path: "Sources/CLibs/CMariaDB", pkgConfig: "libmariadb",
                       providers: [.apt(["libmariadb-dev"])]),
        .systemLibrary(name: "CCrypto", path: "Sources/CLibs/CCrypto", pkgConfig: "libcrypto",
                       providers: [.apt(["libssl-dev"])]),
        .systemLibrary(name: "CHiredis", path: "Sources/CLibs/CHiredis", pkgConfig: "hiredis",
                       providers: [.apt(["libhiredis-dev"])]),

        // C shims for what Swift cannot call directly
        .target(name: "CursesShim", path: "Sources/CShims/CursesShim",
                linkerSettings: [.linkedLibrary("ncursesw")]),
        .target(name: "CurlShim", path: "Sources/CShims/CurlShim",
                linkerSettings: [.linkedLibrary("curl")]),
        .target(name: "MHDShim", path: "Sources/CShims/MHDShim",
                linkerSettings: [.linkedLibrary("microhttpd")]),

        // The wire model shared by client and services: domain types, the API
        // contract as Swift types, and the rules both sides check. No I/O.
        .target(name: "StoreWire"),
        // Pure core of the client: state, update, view into a cell grid. No I/O.
        .target(name: "StoreCore", dependencies: ["StoreWire"]),
        // Terminal backends: ncurses and the virtual screen.
        .target(name: "StoreTerminal", dependencies: ["StoreCore", "CNcursesw", "CursesShim"]),
        // HTTP client for the store's API, on libcurl.
        // libcrypto: to keep OpenSSL's exit-time cleanup from under requests still in flight.
        .target(name: "StoreHTTP", dependencies: ["StoreWire", "CCurl", "CurlShim", "CCrypto"]),
        // Reference implementation of the five services; calls to a service in
        // another process go through StoreHTTP's client.
        // `api/openapi.json` links to its `Contract/openapi.json`, served at GET /openapi.json.
        .target(name: "StoreServices",
                dependencies: ["StoreWire", "StoreHTTP", "CMicroHTTPD", "MHDShim", "CSQLite", "CMariaDB", "CCrypto", "CCurl",
                               "CurlShim", "CHiredis"],
                resources: [.copy("Contract/openapi.json")]),
        // The client application: event loop, command runner, keystroke scripts.
        .target(name: "StorefrontApp",
                dependencies: ["StoreCore", "StoreTerminal", "StoreHTTP", "StoreServices"],
                resources: [.copy("Resources")]),

        // Thin executables
        // A release of storefront is linked with the functions its start runs laid out
        // first (start.order, written by bench/start-order): a start then reads those
        // pages of code, not pages spread over the whole binary.
        .executableTarget(name: "storefront", dependencies: ["StorefrontApp"], exclude: ["start.order"],
                          linkerSettings: [.unsafeFlags(startOrderFlags, .when(platforms: [.linux], configuration: .release))]),
        .executableTarget(name: "betterstore", dependencies: ["StoreServices", "StoreHTTP"]),

        // Tests
        .target(name: "TestSupport", dependencies: ["StoreCore", "StoreServices", "StoreHTTP"],
                path: "Tests/TestSupport"),
        .testTarget(name: "StoreCoreTests", dependencies: ["StoreCore"]),
        .testTarget(name: "ServicesTests", dependencies: ["StoreServices", "StoreHTTP", "TestSupport"]),
        .testTarget(name: "HTTPClientTests", dependencies: ["StoreHTTP", "StoreServices", "TestSupport"]),
        .testTarget(name: "ScriptTests", dependencies: ["StorefrontApp", "TestSupport"]),
        .testTarget(name: "TerminalTests", dependencies: ["StorefrontApp", "TestSupport"]),
    ],
    swiftLanguageModes: [.v5]
)
