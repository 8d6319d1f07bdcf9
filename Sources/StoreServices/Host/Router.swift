import Foundation
import StoreHTTP
import StoreWire

/// Handles one request. Throw `HTTPError` to answer with an error envelope;
/// anything else thrown becomes a 500.
public typealias HTTPHandler = @Sendable (HTTPRequest) throws -> HTTPResponse

/// Matches method + path against patterns such as `/product/v1/products/:id`.
/// Routes are added before the host starts and only read afterwards.
public final class Router: @unchecked Sendable {
    /// A route as registered: method and pattern, e.g. `GET /product/v1/products/:id`.
    public struct Endpoint: Hashable, Sendable {
        public let method: String
        public let pattern: String
    }

    /// Whether a handler answers from what the process has at hand, or may
    /// wait (a password hash): the host runs waiting handlers off the threads
    /// that serve connections, so they hold up no other connection.
    public enum Pace: Sendable {
        case quick
        case waits
        /// Waits for a bounded resource (the password-hashing gate): while
        /// `hasRoom` says it is full, the request is answered 503 busy
        /// where it arrived, so a flood costs no thread per refused request.
        case waitsForRoom(_ hasRoom: @Sendable () -> Bool)
    }

    /// Where the host runs a request's handler.
    public enum Placement: Equatable, Sendable {
        /// On the thread that serves the connection.
        case inPlace
        /// On a thread of its own (`Pace.waits`), holding up no other connection.
        case offThread
        /// Not at all: the resource it would wait for is full; `respond(to:refusingAsBusy:)` answers 503.
        case refusedAsBusy
    }

    private struct Route {
        let endpoint: Endpoint
        let pattern: [Segment]
        let pace: Pace
        /// Limits of parameters that are not ids (see `RequestChecks`).
        let textLimits: [String: Int]
        let handler: HTTPHandler
        var method: String { endpoint.method }
    }

    private enum Segment: Equatable {
        case literal(String)
        case parameter(String)
    }

    private var routes: [Route] = []

    /// Faults injected before handlers run (set before the host starts).
    public var faults: Faults?

    /// Told about every error a handler did not expect (answered with a 500).
    /// The default writes one line to standard error: method, path and the
    /// kind of error, never request bodies.
    public var onUnexpectedError: @Sendable (HTTPRequest, Error) -> Void = { request, error in
        let detail = (error as? DatabaseError)?.description ?? (error as? StoreUnreachable)?.description
            ?? String(describing: type(of: error))
        FileHandle.standardError.write(Data("\(request.method) \(request.path) failed: \(detail)\n".utf8))
    }

    /// Where each request is written as one line with its trace (silent by default).
    public var log = ServiceLog.silent

    public init() {}

    /// Adds a route. `pattern` segments starting with `:` capture a path parameter.
    /// Path and query parameters are ids of at most `TextLimits.identifier`
    /// characters unless `textLimits` gives their name another limit.
    public func add(_ method: String, _ pattern: String, pace: Pace = .quick, textLimits: [String: Int] = [:],
                    _ handler: @escaping HTTPHandler) {
        let segments = HTTPRequest.segments(of: pattern).map { part -> Segment in
            part.hasPrefix(":") ? .parameter(String(part.dropFirst())) : .literal(part)
        }
        routes.append(Route(endpoint: Endpoint(method: method.uppercased(), pattern: pattern), pattern: segments,
                            pace: pace, textLimits: textLimits, handler: handler))
    }

    /// Every route added, in the order added; the contract test compares them with the OpenAPI document.
    public var endpoints: [Endpoint] { routes.map(\.endpoint) }

    public func get(_ pattern: String, pace: Pace = .quick, textLimits: [String: Int] = [:],
                    _ handler: @escaping HTTPHandler) {
        add("GET", pattern, pace: pace, textLimits: textLimits, handler)
    }
    public func post(_ pattern: String, pace: Pace = .quick, textLimits: [String: Int] = [:],
                    _ handler: @escaping HTTPHandler) {
        add("POST", pattern, pace: pace, textLimits: textLimits, handler)
    }
    public func put(_ pattern: String, pace: Pace = .quick, textLimits: [String: Int] = [:],
                    _ handler: @escaping HTTPHandler) {
        add("PUT", pattern, pace: pace, textLimits: textLimits, handler)
    }
    public func delete(_ pattern: String, pace: Pace = .quick, textLimits: [String: Int] = [:],
                    _ handler: @escaping HTTPHandler) {
        add("DELETE", pattern, pace: pace, textLimits: textLimits, handler)
    }

    /// Answers a request: the matching route's response, 404 for an unknown
    /// path, 405 (with `Allow`) for a known path and another method, 400 or 415
    /// for parameters, headers or a body type `RequestChecks` refuses, and a
    /// JSON 500 when a handler fails unexpectedly. The request's `traceparent`
    /// is the trace of everything it causes; without one, or with a malformed
    /// one (never an error), a new trace starts here.
    /// With `refusingAsBusy` (see `Placement.refusedAsBusy`) the answer is
    /// 503 busy without running the handler, logged like any other.
    public func respond(to request: HTTPRequest, refusingAsBusy: Bool = false) -> HTTPResponse {
        let trace = request.header(TraceParent.headerName).flatMap(TraceParent.init(header:)) ?? .newTrace()
        let answer = { refusingAsBusy ? HTTPResponse.error(.busy) : self.route(request) }
        guard log.isOn else { return TraceContext.withValue(trace, answer) }
        let started = DispatchTime.now().uptimeNanoseconds
        let response = TraceContext.withValue(trace, answer)
        let milliseconds = (DispatchTime.now().uptimeNanoseconds &- started) / 1_000_000
        log.write("\(request.method) \(request.path) \(response.status) \(milliseconds)ms traceparent=\(trace)")
        return response
    }

    private func route(_ request: HTTPRequest) -> HTTPResponse {
        let segments = request.pathSegments
        var allowed: [String] = []
        for route in candidates(for: segments) {
            if Self.serves(route, request.method) {
                var matched = request
                matched.pathParameters = parameters(of: route.pattern, in: segments)
                do {
                    try RequestChecks.check(matched, limits: route.textLimits)
                } catch let error as HTTPError {
                    return .error(error)
                } catch {
                    return .error(.internalError())
                }
                return invoke(route.handler, matched)
            }
            if !allowed.contains(route.method) { allowed.append(route.method) }
        }
        if allowed.isEmpty {
            return .error(.notFound(code: "route_not_found", "There is no \(request.path) here."))
        }
        return .error(.methodNotAllowed(request.method, allowed: allowed))
    }

    private func invoke(_ handler: HTTPHandler, _ request: HTTPRequest) -> HTTPResponse {
        do {
            try faults?.beforeRequest(path: request.path)
            return try handler(request)
        } catch let error as HTTPError {
            return .error(error)
        } catch let error as StoreUnreachable {
            onUnexpectedError(request, error)
            return .error(.storeUnavailable(error.store))
        } catch let error as DatabaseError where error.isUnavailable {
            // The database server went away (restart, network): the pool reconnects on a later request.
            onUnexpectedError(request, error)
            return .error(.storeUnavailable("database"))
        } catch {
            onUnexpectedError(request, error)
            return .error(.internalError())
        }
    }

    /// Where the request's handler runs (see `Pace`); one whose service has latency added by a fault waits.
    public func placement(of request: HTTPRequest) -> Placement {
        if faults?.addsLatency(path: request.path) == true { return .offThread }
        switch candidates(for: request.pathSegments).first(where: { Self.serves($0, request.method) })?.pace {
        case .waits: return .offThread
        case .waitsForRoom(let hasRoom): return hasRoom() ? .offThread : .refusedAsBusy
        case .quick, nil: return .inPlace
        }
    }

    private static func serves(_ route: Route, _ method: String) -> Bool {
        route.method == method || (method == "HEAD" && route.method == "GET")
    }

    /// The routes whose pattern fits the path, most literal segments first:
    /// `/carts/mine/merge` wins over `/carts/:id/items`.
    /// Most paths fit one route, which is returned without building and sorting a list.
    private func candidates(for segments: [String]) -> [Route] {
        var first: (route: Route, literals: Int)?
        var found: [(route: Route, literals: Int)] = []
        for route in routes {
            guard let literals = literalCount(route.pattern, segments) else { continue }
            if first == nil {
                first = (route, literals)
            } else {
                found.append((route, literals))
            }
        }
        guard let first else { return [] }
        guard !found.isEmpty else { return [first.route] }
        return ([first] + found).sorted { $0.literals > $1.literals }.map(\.route)
    }

    /// The number of literal segments when the pattern fits the path, else nil.
    private func literalCount(_ pattern: [Segment], _ segments: [String]) -> Int? {
        guard pattern.count == segments.count else { return nil }
        var literals = 0
        for (part, segment) in zip(pattern, segments) {
            if case .literal(let text) = part {
                guard text == segment else { return nil }
                literals += 1
            }
        }
        return literals
    }

    private func parameters(of pattern: [Segment], in segments: [String]) -> [String: String] {
        var parameters: [String: String] = [:]
        for (part, segment) in zip(pattern, segments) {
            if case .parameter(let name) = part { parameters[name] = segment }
        }
        return parameters
    }
}
