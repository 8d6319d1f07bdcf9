import Foundation
import StoreHTTP
import StoreServices

// `betterstore serve`: the reference services alone, so several terminals can share one shop;
// `betterstore import-products`: a catalogue brought in from JSON lines.
setvbuf(stdout, nil, _IOLBF, 0)

if CommandLine.arguments.dropFirst().first == "import-products" {
    exit(ImportCommand.run(Array(CommandLine.arguments.dropFirst(2))))
}

switch ServeArguments.parse(Array(CommandLine.arguments.dropFirst())) {
case .help:
    print(ServeArguments.usage)
case .invalid(let reason):
    FileHandle.standardError.write(Data("betterstore: \(reason)\n\n\(ServeArguments.usage)\n".utf8))
    exit(2)
case .serve(let arguments):
    let dataDirectory = URL(fileURLWithPath: arguments.dataDirectory).standardizedFileURL
    var options = BetterStore.Options(smtpURL: arguments.smtpURL, faults: arguments.faults)
    options.cartStore = arguments.cartStore
    options.databases = arguments.databases
    options.only = arguments.only
    options.peers = arguments.peers
    options.peerAuthorities = arguments.peerAuthorities
    options.perAddressConnectionLimit = arguments.connectionsPerAddress
    // One line per request and per event handled, each with its traceparent.
    options.log = .standardError
    options.trustedProxies = arguments.trustedProxies
    if let secretFile = arguments.secretFile {
        do { options.sharedKey = try SharedSecretFile.load(secretFile) } catch {
            FileHandle.standardError.write(Data("betterstore: \(error)\n".utf8))
            exit(2)
        }
    }
    let store: BetterStore
    do {
        store = try BetterStore(dataDirectory: dataDirectory, options: options)
        try store.start(host: arguments.host, port: arguments.port)
    } catch let error as StoreUnreachable {
        // A store named on the command line that is not there, or refuses us, is a configuration error.
        FileHandle.standardError.write(Data("betterstore: \(error)\n".utf8))
        exit(2)
    } catch {
        FileHandle.standardError.write(Data("betterstore: \(error)\n".utf8))
        exit(1)
    }
    print("betterstore listening on \(store.baseURL) (data: \(dataDirectory.path))")
    if arguments.only != Set(ServiceName.allCases) {
        let peers = arguments.peers.map { "; other services at \($0)" } ?? ""
        print("betterstore: serving \(arguments.only.sorted().map(\.rawValue).joined(separator: ", ")) only\(peers)")
    }
    if !arguments.faults.isEmpty { print("betterstore: injecting faults: \(arguments.faults.summary)") }
    if arguments.cartStore != .memory { print("betterstore: carts in \(arguments.cartStore)") }
    if arguments.databases != DatabaseSettings() {
        let named = arguments.databases.services.sorted { $0.key < $1.key }.map { " \($0.key.rawValue)=\($0.value)" }
        print("betterstore: databases in \(arguments.databases.all)" + named.joined())
    }

    // Stop gracefully on Ctrl-C or SIGTERM: finish requests in flight, close the databases.
    var signalSources: [DispatchSourceSignal] = []
    for signalNumber in [SIGINT, SIGTERM] {
        signal(signalNumber, SIG_IGN)
        let source = DispatchSource.makeSignalSource(signal: signalNumber, queue: .main)
        source.setEventHandler {
            store.stop()
            print("betterstore stopped")
            exit(0)
        }
        source.resume()
        signalSources.append(source)
    }
    dispatchMain()
}
