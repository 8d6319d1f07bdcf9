import Foundation

/// The API contract as the repository holds it (`api/openapi.json`), read for tests.
public struct OpenAPIContract: @unchecked Sendable {
    /// One operation: upper-case method and the document's path template, e.g. `/product/v1/products/{id}`.
    public struct Operation: Hashable, Sendable, CustomStringConvertible {
        public let method: String
        public let path: String
        public var description: String { "\(method) \(path)" }
        public init(method: String, path: String) { self.method = method; self.path = path }
    }

    public static let fileURL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("api/openapi.json")

    /// The file's bytes, as they must be served.
    public let data: Data
    /// The parsed document.
    public let document: [String: Any]

    public init() throws {
        data = try Data(contentsOf: Self.fileURL)
        guard let parsed = try JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            throw ContractError("\(Self.fileURL.path) is not a JSON object")
        }
        document = parsed
    }

    static let methods = ["get", "put", "post", "delete", "patch", "head", "options", "trace"]

    public var operations: [Operation] {
        let paths = document["paths"] as? [String: Any] ?? [:]
        return paths.flatMap { path, item -> [Operation] in
            let item = item as? [String: Any] ?? [:]
            return Self.methods.filter { item[$0] != nil }.map { Operation(method: $0.uppercased(), path: path) }
        }
    }

    /// A router pattern in the document's spelling: `/carts/:id` → `/carts/{id}`.
    public static func path(fromPattern pattern: String) -> String {
        pattern.split(separator: "/", omittingEmptySubsequences: false).map { segment in
            segment.hasPrefix(":") ? "{\(segment.dropFirst())}" : String(segment)
        }.joined(separator: "/")
    }

    /// The object a local `$ref` such as `#/components/schemas/Cart` points at.
    public func resolve(_ reference: String) throws -> [String: Any] {
        guard reference.hasPrefix("#/") else { throw ContractError("only local references are used: \(reference)") }
        var node: Any = document
        for part in reference.dropFirst(2).split(separator: "/") {
            let key = part.replacingOccurrences(of: "~1", with: "/").replacingOccurrences(of: "~0", with: "~")
            guard let object = node as? [String: Any], let next = object[key] else {
                throw ContractError("\(reference) does not resolve")
            }
            node = next
        }
        guard let object = node as? [String: Any] else { throw ContractError("\(reference) is not an object") }
        return object
    }

    /// Every `$ref` anywhere in the document.
    public var references: [String] {
        var found: [String] = []
        func walk(_ node: Any) {
            if let object = node as? [String: Any] {
                if let reference = object["$ref"] as? String { found.append(reference) }
                object.values.forEach(walk)
            } else if let array = node as? [Any] {
                array.forEach(walk)
            }
        }
        walk(document)
        return found
    }
}

public struct ContractError: Error, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}
