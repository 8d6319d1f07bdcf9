import Foundation

/// `betterstore serve --port N --data-dir DIR [--host ADDR] [--smtp URL]`
struct ServeArguments: Equatable {
    var port: UInt16 = 8080
    var dataDirectory: String
    var host = "127.0.0.1"
    var smtpURL: String?

    static let usage = """
        usage: betterstore serve --port N --data-dir DIR [--host ADDR] [--smtp URL]

        Runs The Better Store's reference services (product, cart, user, order,
        payment) on one HTTP origin until interrupted (Ctrl-C or SIGTERM).

          --port N        port to listen on; 0 picks a free one (default 8080)
          --data-dir DIR  directory for the databases and mail (created if missing)
          --host ADDR     IPv4 address to bind (default 127.0.0.1)
          --smtp URL      send receipts to this SMTP server instead of the maildir
          --help          show this help
        """

    enum Outcome: Equatable {
        case serve(ServeArguments)
        case help
        case invalid(String)
    }

    static func parse(_ arguments: [String]) -> Outcome {
        if arguments.contains("--help") || arguments.contains("-h") || arguments.first == "help" { return .help }
        guard arguments.first == "serve" else {
            return .invalid(arguments.isEmpty ? "missing command 'serve'" : "unknown command '\(arguments[0])'")
        }
        var port: UInt16 = 8080
        var dataDirectory: String?
        var host = "127.0.0.1"
        var smtpURL: String?
        var rest = arguments.dropFirst()
        while let flag = rest.popFirst() {
            guard let value = rest.popFirst() else { return .invalid("\(flag) needs a value") }
            switch flag {
            case "--port":
                guard let number = UInt16(value) else { return .invalid("--port must be a number from 0 to 65535") }
                port = number
            case "--data-dir": dataDirectory = value
            case "--host":
                host = value == "localhost" ? "127.0.0.1" : value
                var address = in_addr()
                guard inet_pton(AF_INET, host, &address) == 1 else {
                    return .invalid("--host must be an IPv4 address such as 127.0.0.1 or 0.0.0.0")
                }
            case "--smtp": smtpURL = value
            default: return .invalid("unknown option \(flag)")
            }
        }
        guard let dataDirectory, !dataDirectory.isEmpty else { return .invalid("--data-dir is required") }
        return .serve(ServeArguments(port: port, dataDirectory: dataDirectory, host: host, smtpURL: smtpURL))
    }
}
