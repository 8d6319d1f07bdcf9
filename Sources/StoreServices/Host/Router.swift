import Foundation

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

    private struct Route {
        let endpoint: Endpoint
        let pattern: [Segment]
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

    public init() {}

    /// Adds a route. `pattern` segments starting with `:` capture a path parameter.
    /// Path and query parameters are ids of at most `TextLimits.identifier`
    /// characters unless `textLimits` gives their name another limit.
    public func add(_ method: String, _ pattern: String, textLimits: [String: Int] = [:],
                    _ handler: @escaping HTTPHandler) {
        let segments = HTTPRequest.segments(of: pattern).map { part -> Segment in
            part.hasPrefix(":") ? .parameter(String(part.dropFirst())) : .literal(part)
        }
        routes.append(Route(endpoint: Endpoint(method: method.uppercased(), pattern: pattern), pattern: segments,
                            textLimits: textLimits, handler: handler))
    }

    /// Every route added, in the order added; the contract test compares them with the OpenAPI document.
    public var endpoints: [Endpoint] { routes.map(\.endpoint) }

    public func get(_ pattern: String, textLimits: [String: Int] = [:], _ handler: @escaping HTTPHandler) {
        add("GET", pattern, textLimits: textLimits, handler)
    }
    public func post(_ pattern: String, textLimits: [String: Int] = [:], _ handler: @escaping HTTPHandler) {
        add("POST", pattern, textLimits: textLimits, handler)
    }
    public func put(_ pattern: String, textLimits: [String: Int] = [:], _ handler: @escaping HTTPHandler) {
        add("PUT", pattern, textLimits: textLimits, handler)
    }
    public func delete(_ pattern: String, textLimits: [String: Int] = [:], _ handler: @escaping HTTPHandler) {
        add("DELETE", pattern, textLimits: textLimits, handler)
    }

    /// Answers a request: the matching route's response, 404 for an unknown
    /// path, 405 (with `Allow`) for a known path and another method, 400 or 415
    /// for parameters, headers or a body type `RequestChecks` refuses, and a
    /// JSON 500 when a handler fails unexpectedly.
    public func respond(to request: HTTPRequest) -> HTTPResponse {
        let segments = request.pathSegments
        var allowed: [String] = []
        // A literal segment beats a parameter: `/carts/mine/merge` wins over `/carts/:id/items`.
        let candidates = routes.compactMap { route -> (Route, [String: String], Int)? in
            guard let (parameters, literals) = match(route.pattern, segments) else { return nil }
            return (route, parameters, literals)
        }.sorted { $0.2 > $1.2 }
        for (route, parameters, _) in candidates {
            if route.method == request.method || (request.method == "HEAD" && route.method == "GET") {
                var matched = request
                matched.pathParameters = parameters
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

    private func match(_ pattern: [Segment], _ segments: [String]) -> ([String: String], Int)? {
        guard pattern.count == segments.count else { return nil }
        var parameters: [String: String] = [:]
        var literals = 0
        for (part, segment) in zip(pattern, segments) {
            switch part {
            case .literal(let text):
                guard text == segment else { return nil }
                literals += 1
            case .parameter(let name):
                parameters[name] = segment
            }
        }
        return (parameters, literals)
    }
}
