import Foundation
import CMicroHTTPD
import MHDShim

public enum ServiceHostError: Error, CustomStringConvertible {
    case cannotListen(host: String, port: UInt16)
    case alreadyStarted

    public var description: String {
        switch self {
        case .cannotListen(let host, let port):
            return "Cannot listen on \(host):\(port) (address in use, or not an IPv4 address of this machine)."
        case .alreadyStarted:
            return "The service host is already running."
        }
    }
}

/// Serves a router over HTTP with GNU libmicrohttpd: a few threads, each
/// serving many connections; a connection limit per thread and per client
/// address, an idle timeout, a memory limit per connection and a body size
/// limit. A handler that may wait (`Router.Pace.waits`) runs on another
/// thread while its connection is suspended, so it holds up no other
/// connection. Every answer is JSON, errors included.
public final class ServiceHost: @unchecked Sendable {
    public let router: Router
    public let configuration: HostConfiguration
    private let lock = NSLock()
    private var daemon: UnsafeMutableRawPointer?
    /// Set while stopping: no more waiting handlers are sent off.
    private var stopping = false
    /// Waiting handlers sent off and not yet back; stop() waits for them.
    private let waitingHandlers = DispatchGroup()
    /// The threads waiting handlers run on, kept for the next ones.
    private let waitingThreads = ReusableThreads(name: "store-handler")

    public init(router: Router, configuration: HostConfiguration = .init()) {
        self.router = router
        self.configuration = configuration
    }

    deinit { stop() }

    /// Starts listening and returns the port (the free one chosen when `port` is 0).
    @discardableResult
    public func start(host: String = "127.0.0.1", port: UInt16 = 0) throws -> UInt16 {
        lock.lock(); defer { lock.unlock() }
        guard daemon == nil else { throw ServiceHostError.alreadyStarted }
        stopping = false
        // The daemon calls back with this pointer; stop() runs before the host goes away.
        let context = Unmanaged.passUnretained(self).toOpaque()
        guard let started = sf_mhd_start(host, port, Self.cUInt(configuration.threadCount, minimum: 1),
                                         // libmicrohttpd shares the limit out among the threads.
                                         Self.cUInt(configuration.connectionLimit.multipliedReportingOverflow(
                                             by: max(1, configuration.threadCount)).partialValue, minimum: 1),
                                         Self.cUInt(configuration.perAddressConnectionLimit, minimum: 0),
                                         Self.cUInt(configuration.requestTimeoutSeconds, minimum: 1),
                                         max(16 * 1024, configuration.connectionMemoryLimit),
                                         serviceHostHandler, serviceHostCompleted, serviceHostTargetLogger,
                                         context) else {
            throw ServiceHostError.cannotListen(host: host, port: port)
        }
        daemon = started
        return sf_mhd_port(started)
    }

    /// A configured count as the C `unsigned int` libmicrohttpd takes, kept in range.
    private static func cUInt(_ value: Int, minimum: Int) -> UInt32 {
        UInt32(clamping: max(minimum, value))
    }

    /// The port the host listens on, or nil when it is stopped.
    public var port: UInt16? {
        lock.lock(); defer { lock.unlock() }
        return daemon.map { sf_mhd_port($0) }
    }

    /// Stops accepting connections and waits for the requests in progress.
    public func stop() {
        lock.lock()
        let running = daemon
        daemon = nil
        stopping = true
        lock.unlock()
        // A suspended connection must be resumed before its daemon goes away.
        waitingHandlers.wait()
        if let running { MHD_stop_daemon(OpaquePointer(running)) }
    }

    /// Called when a request has been read in full: answers it at once, or
    /// suspends the connection and answers from another thread when the
    /// handler may wait. Returns whether libmicrohttpd should go on.
    fileprivate func answer(_ state: RequestState, connection: OpaquePointer, url: String, method: String) -> Bool {
        if let response = state.response { return ResponseWriter.queue(response, on: connection) }
        if state.tooLarge { return ResponseWriter.queue(.error(.payloadTooLarge(limit: configuration.bodyLimit)), on: connection) }
        // The target as sent, decoded here so an encoded NUL cannot cut a value short.
        let target = state.rawTarget.map(RequestTarget.init(raw:))
        let headers = ConnectionValues.read(connection, kind: .HEADER_KIND)
        let client = ForwardedClient.address(peer: Self.clientAddress(of: connection), forwardedFor: headers["x-forwarded-for"],
                                             trustedProxies: configuration.trustedProxies)
        let request = HTTPRequest(method: method, path: target?.path ?? url,
                                  query: target?.query ?? ConnectionValues.read(connection, kind: .GET_ARGUMENT_KIND),
                                  headers: headers, body: state.body, clientAddress: client)
        let placement = router.placement(of: request)
        guard placement == .offThread, beginWaitingHandler() else {
            let refused = placement == .refusedAsBusy
            return ResponseWriter.queue(router.respond(to: request, refusingAsBusy: refused), on: connection)
        }
        MHD_suspend_connection(connection)
        // Resuming calls the access handler again, which sends the stored response.
        let resumable = ResumableConnection(connection)
        // A thread of its own: a Dispatch pool keeps to about one thread per
        // core, so handlers blocked in it (and others' work) would queue up.
        waitingThreads.run { [self] in
            state.response = router.respond(to: request)
            MHD_resume_connection(resumable.connection)
            waitingHandlers.leave()
        }
        return true
    }

    /// Counts a waiting handler in, unless the host is stopping (then it runs in place).
    private func beginWaitingHandler() -> Bool {
        lock.lock(); defer { lock.unlock() }
        guard !stopping else { return false }
        waitingHandlers.enter()
        return true
    }

    /// The client's IP address as text, e.g. "127.0.0.1".
    private static func clientAddress(of connection: OpaquePointer) -> String? {
        var buffer = [CChar](repeating: 0, count: 64)
        guard sf_mhd_client_address(UnsafeMutableRawPointer(connection), &buffer, buffer.count) == 1 else { return nil }
        return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}

/// One request as it arrives: the target as sent, then the body in pieces.
/// Lives in MHD's per-request pointer from the target logger to the completed callback.
private final class RequestState: @unchecked Sendable {
    let rawTarget: String?
    var headersSeen = false
    var body = Data()
    var tooLarge = false
    /// The answer of a handler that ran on another thread, sent once the connection resumes.
    var response: HTTPResponse?
    init(rawTarget: String?) { self.rawTarget = rawTarget }
}

/// A suspended connection handed to the thread that resumes it; libmicrohttpd
/// keeps it alive until it is resumed.
private struct ResumableConnection: @unchecked Sendable {
    let connection: OpaquePointer
    init(_ connection: OpaquePointer) { self.connection = connection }
}

private let serviceHostTargetLogger: sf_mhd_target_logger = { _, target, _ in
    Unmanaged.passRetained(RequestState(rawTarget: target.map { String(cString: $0) })).toOpaque()
}

private let serviceHostHandler: sf_mhd_handler = { cls, connection, url, method, _, uploadData, uploadDataSize, requestState in
    guard let cls, let connection, let requestState else { return 0 }
    let host = Unmanaged<ServiceHost>.fromOpaque(cls).takeUnretainedValue()
    if requestState.pointee == nil {
        // Not seen by the target logger: keep a place for the body all the same.
        requestState.pointee = Unmanaged.passRetained(RequestState(rawTarget: nil)).toOpaque()
    }
    guard let stored = requestState.pointee else { return 0 }
    let state = Unmanaged<RequestState>.fromOpaque(stored).takeUnretainedValue()
    if !state.headersSeen {
        // First call: only the headers are known; the body (if any) comes next.
        state.headersSeen = true
        return 1
    }
    if let uploadDataSize, uploadDataSize.pointee > 0 {
        let size = uploadDataSize.pointee
        if !state.tooLarge, let uploadData {
            if size > host.configuration.bodyLimit - state.body.count {
                // Keep reading (and dropping) the body so the client gets the 413 rather than a reset.
                state.tooLarge = true
                state.body = Data()
            } else {
                uploadData.withMemoryRebound(to: UInt8.self, capacity: size) { state.body.append($0, count: size) }
            }
        }
        uploadDataSize.pointee = 0
        return 1
    }
    return host.answer(state, connection: OpaquePointer(connection), url: url.map { String(cString: $0) } ?? "/",
                       method: method.map { String(cString: $0) } ?? "GET") ? 1 : 0
}

private let serviceHostCompleted: sf_mhd_completed = { _, _, requestState, _ in
    guard let requestState, let stored = requestState.pointee else { return }
    Unmanaged<RequestState>.fromOpaque(stored).release()
    requestState.pointee = nil
}
