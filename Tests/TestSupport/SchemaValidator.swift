import Foundation

/// Checks a JSON value (as `JSONSerialization` gives it) against the subset of
/// JSON Schema the API document uses: `$ref`, `allOf`, `type` (a name or a
/// list, so `["string", "null"]` is nullable), `properties`, `required`,
/// `items`, `enum`, `minimum`, `maximum`, `minLength`, `maxLength`. Other
/// keywords (descriptions, `format`, `pattern`, examples) are not checked.
public struct SchemaValidator {
    let contract: OpenAPIContract

    public init(_ contract: OpenAPIContract) { self.contract = contract }

    /// Every way `value` breaks `schema`, each with where (`$.lines[0].quantity`); empty when it conforms.
    public func problems(_ value: Any, _ schema: [String: Any], at path: String = "$") -> [String] {
        if let reference = schema["$ref"] as? String {
            do { return problems(value, try contract.resolve(reference), at: path) } catch { return ["\(path): \(error)"] }
        }
        var found: [String] = []
        for part in schema["allOf"] as? [[String: Any]] ?? [] {
            found += problems(value, part, at: path)
        }
        if let type = schema["type"] {
            let allowed = (type as? [String]) ?? [type as? String ?? ""]
            let actual = Self.typeName(of: value)
            guard allowed.contains(actual) || (actual == "integer" && allowed.contains("number")) else {
                return found + ["\(path): \(actual) where \(allowed.joined(separator: " or ")) is documented"]
            }
        }
        if let options = schema["enum"] as? [Any], !options.contains(where: { Self.equal($0, value) }) {
            found.append("\(path): \(Self.render(value)) is not one of \(options.map(Self.render).joined(separator: ", "))")
        }
        if let text = value as? String {
            let length = text.unicodeScalars.count
            if let limit = schema["maxLength"] as? Int, length > limit { found.append("\(path): longer than \(limit)") }
            if let limit = schema["minLength"] as? Int, length < limit { found.append("\(path): shorter than \(limit)") }
        }
        if let number = value as? NSNumber, Self.typeName(of: value) != "boolean" {
            if let limit = (schema["minimum"] as? NSNumber)?.doubleValue, number.doubleValue < limit {
                found.append("\(path): \(number) is below the minimum \(limit)")
            }
            if let limit = (schema["maximum"] as? NSNumber)?.doubleValue, number.doubleValue > limit {
                found.append("\(path): \(number) is above the maximum \(limit)")
            }
        }
        if let object = value as? [String: Any] {
            for name in schema["required"] as? [String] ?? [] where object[name] == nil {
                found.append("\(path).\(name): required but missing")
            }
            for (name, property) in schema["properties"] as? [String: [String: Any]] ?? [:] {
                if let child = object[name] { found += problems(child, property, at: "\(path).\(name)") }
            }
        }
        if let array = value as? [Any], let items = schema["items"] as? [String: Any] {
            for (index, element) in array.enumerated() { found += problems(element, items, at: "\(path)[\(index)]") }
        }
        return found
    }

    /// The JSON Schema type name of a parsed JSON value.
    static func typeName(of value: Any) -> String {
        switch value {
        case is NSNull: return "null"
        case is String: return "string"
        case is [String: Any]: return "object"
        case is [Any]: return "array"
        case let number as NSNumber:
            // Foundation hands back true/false as NSNumbers of the C type `char`.
            if String(cString: number.objCType) == "c" { return "boolean" }
            return number.doubleValue == number.doubleValue.rounded(.towardZero) ? "integer" : "number"
        default: return "unknown"
        }
    }

    static func equal(_ a: Any, _ b: Any) -> Bool {
        if let a = a as? String, let b = b as? String { return a == b }
        if let a = a as? NSNumber, let b = b as? NSNumber { return a == b }
        return a is NSNull && b is NSNull
    }

    static func render(_ value: Any) -> String {
        if let text = value as? String { return "\"\(text)\"" }
        return "\(value)"
    }
}
