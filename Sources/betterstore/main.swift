import Foundation
import StoreServices

// `betterstore serve`: the reference services alone, so several terminals can share one shop.
setvbuf(stdout, nil, _IOLBF, 0)

switch ServeArguments.parse(Array(CommandLine.arguments.dropFirst())) {
case .help:
    print(ServeArguments.usage)
case .invalid(let reason):
    FileHandle.standardError.write(Data("betterstore: \(reason)\n\n\(ServeArguments.usage)\n".utf8))
    exit(2)
case .serve(let arguments):
    let dataDirectory = URL(fileURLWithPath: arguments.dataDirectory).standardizedFileURL
    let store: BetterStore
    do {
        var options = BetterStore.Options(smtpURL: arguments.smtpURL, faults: arguments.faults)
        options.cartStore = arguments.cartStore
        store = try BetterStore(dataDirectory: dataDirectory, options: options)
        try store.start(host: arguments.host, port: arguments.port)
    } catch let error as StoreUnreachable {
        // A store named on the command line that is not there is a configuration error.
        FileHandle.standardError.write(Data("betterstore: \(error)\n".utf8))
        exit(2)
    } catch {
        FileHandle.standardError.write(Data("betterstore: \(error)\n".utf8))
        exit(1)
    }
    print("betterstore listening on \(store.baseURL) (data: \(dataDirectory.path))")
    if !arguments.faults.isEmpty { print("betterstore: injecting faults: \(arguments.faults.summary)") }
    if arguments.cartStore != .memory { print("betterstore: carts in \(arguments.cartStore)") }

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
