import Foundation
import StoreHTTP
import StoreServices

/// `betterstore serve --port N --data-dir DIR [--host ADDR] [--only LIST --peers URL [--cacert FILE]] [--secret-file FILE] [--smtp URL] [--database [SERVICE=]URL]… [--cart-store URL] [--connections-per-address N] [--trust-forwarded-for ADDR,…] [--fault NAME=VALUE]…`
struct ServeArguments: Equatable {
    var port: UInt16 = 8080
    var dataDirectory: String
    var host = "127.0.0.1"
    var smtpURL: String?
    var cartStore = CartStoreLocation.memory
    var databases = DatabaseSettings()
    var faults = FaultPlan()
    var only = Set(ServiceName.allCases)
    var peers: String?
    var secretFile: String?
    var peerAuthorities = CertificateAuthorities.system
    var connectionsPerAddress: Int?
    var trustedProxies: Set<String> = []

    static let usage = """
        usage: betterstore serve --port N --data-dir DIR [--host ADDR] [--only LIST --peers URL]
                                 [--cacert FILE] [--secret-file FILE] [--smtp URL] [--database [SERVICE=]URL]...
                                 [--cart-store URL] [--connections-per-address N] [--trust-forwarded-for ADDR,...]
                                 [--fault NAME=VALUE]...
               betterstore import-products FILE|- [--data-dir DIR | --database URL]   (--help for more)

        Runs The Better Store's reference services (product, cart, user, order,
        payment) on one HTTP origin until interrupted (Ctrl-C or SIGTERM).

          --port N        port to listen on; 0 picks a free one (default 8080)
          --data-dir DIR  directory for the databases and mail (created if missing)
          --host ADDR     IPv4 address to bind (default 127.0.0.1)
          --only LIST     run only these services, comma-separated (default: all five,
                          calling each other in process), e.g. --only cart
          --peers URL     origin (normally the gateway) where the services not run here
                          answer under their path prefixes (/product/v1, ...); needed
                          when a service here calls one that is not (cart calls product;
                          order calls product and cart; payment calls order)
          --cacert FILE   trust the certificate authorities in FILE (PEM) for an https://
                          --peers (else $CURL_CA_BUNDLE, else $SSL_CERT_FILE, as curl)
          --secret-file FILE
                          the token-signing key shared by every instance (32 bytes, or 64
                          hex digits: openssl rand -hex 32 > FILE; also
                          $BETTERSTORE_SECRET_FILE); default: a key made in the data directory
          --smtp URL      send receipts to this SMTP server instead of the maildir
          --database URL  where the services keep their databases: sqlite:DIR (default: the
                          data directory) or mysql://USER:PASSWORD@HOST:PORT/[PREFIX] (each
                          service its own schema, PREFIX_users, PREFIX_products, ...; PREFIX
                          betterstore by default; created on first start). Repeatable;
                          SERVICE=URL sets one service's (product, user, order, payment)
          --cart-store URL
                          where carts live: memory (default; lost on restart) or
                          redis://HOST:PORT/DB (kept, shared by instances; anonymous
                          carts expire 30 days after their last change)
          --connections-per-address N
                          connections one client address may hold at once (default 64);
                          behind a gateway every request comes from its address, so
                          give it more
          --trust-forwarded-for ADDR,...
                          gateways whose X-Forwarded-For names the client, so sign-in
                          and sign-up limits count each shopper, not the gateway
          --fault NAME=VALUE
                          inject a fault on purpose (repeatable; also $BETTERSTORE_FAULTS,
                          comma-separated): latency.SERVICE=250ms, errors.SERVICE=0.2,
                          order.refuse-payment-events=1, mail.fail=1, dispatcher.stall=on
                          (SERVICE: product, cart, user, order, payment or all)
          --help          show this help
        """

    enum Outcome: Equatable {
        case serve(ServeArguments)
        case help
        case invalid(String)
    }

    static func parse(_ arguments: [String], environment: [String: String] = ProcessInfo.processInfo.environment) -> Outcome {
        if arguments.contains("--help") || arguments.contains("-h") || arguments.first == "help" { return .help }
        guard arguments.first == "serve" else {
            return .invalid(arguments.isEmpty ? "missing command 'serve'" : "unknown command '\(arguments[0])'")
        }
        var port: UInt16 = 8080
        var dataDirectory: String?
        var host = "127.0.0.1"
        var smtpURL: String?
        var cartStore = CartStoreLocation.memory
        var databases = DatabaseSettings()
        var faultSettings: [String] = []
        var only = Set(ServiceName.allCases)
        var peers: String?
        var cacert: String?
        var secretFile = environment[SharedSecretFile.environmentVariable].flatMap { $0.isEmpty ? nil : $0 }
        var connectionsPerAddress: Int?
        var trustedProxies: Set<String> = []
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
                guard IPv4Address.isValid(host) else {
                    return .invalid("--host must be an IPv4 address such as 127.0.0.1 or 0.0.0.0")
                }
            case "--smtp": smtpURL = value
            case "--cart-store":
                do { cartStore = try CartStoreLocation(parsing: value) } catch { return .invalid("--cart-store: \(error)") }
            case "--database":
                do { try databases.apply(value) } catch { return .invalid("--database: \(error)") }
            case "--fault": faultSettings.append(value)
            case "--only":
                do { only = try ServiceName.parseList(value) } catch { return .invalid("--only: \(error)") }
            case "--peers": peers = value
            case "--cacert": cacert = value
            case "--secret-file": secretFile = value
            case "--connections-per-address":
                // Past the connections the process serves (each serving thread's share) a cap caps nothing.
                let limit = BetterStore.Options().connectionLimit * HostConfiguration.defaultThreadCount
                guard let number = Int(value), (1...limit).contains(number) else {
                    return .invalid("--connections-per-address must be a number from 1 to \(limit)")
                }
                connectionsPerAddress = number
            case "--trust-forwarded-for":
                let addresses = value.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
                guard !addresses.isEmpty, addresses.allSatisfy(IPv4Address.isValid) else {
                    return .invalid("--trust-forwarded-for takes IPv4 addresses separated by commas, such as 127.0.0.1")
                }
                trustedProxies.formUnion(addresses)
            default: return .invalid("unknown option \(flag)")
            }
        }
        guard let dataDirectory, !dataDirectory.isEmpty else { return .invalid("--data-dir is required") }
        var faults: FaultPlan
        do {
            // The environment's faults first, so a flag overrides the same fault named there.
            faults = try FaultPlan.fromEnvironment(environment)
            for setting in faultSettings { try faults.apply(setting) }
        } catch {
            return .invalid("--fault: \(error)")
        }
        do { try PeerConfigurationError.check(running: only, peers: peers) } catch { return .invalid("\(error)") }
        // Certificate authorities matter only for calls to the peers.
        var authorities = CertificateAuthorities.system
        if peers != nil {
            do { authorities = try CertificateAuthorities.resolve(cacert: cacert, environment: environment).validated() } catch {
                return .invalid("\(error)")
            }
        }
        return .serve(ServeArguments(port: port, dataDirectory: dataDirectory, host: host, smtpURL: smtpURL,
                                     cartStore: cartStore, databases: databases, faults: faults, only: only, peers: peers, secretFile: secretFile,
                                     peerAuthorities: authorities, connectionsPerAddress: connectionsPerAddress,
                                     trustedProxies: trustedProxies))
    }
}
