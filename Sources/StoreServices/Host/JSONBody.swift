import Foundation
import StoreWire

/// JSON in and out of the services. Decoding failures become client errors
/// with words a person can act on: malformed JSON is a 400 `invalid_json`, a
/// wrong type or missing field a 422 `invalid_field` naming the field, and a
/// text field that breaks `TextRules` a 400 naming the field.
public enum JSONBody {
    /// Sorted keys, slashes as they are. `SortedJSONEncoder` writes the same
    /// bytes as Foundation's encoder, faster; Foundation writes what it leaves.
    public static func encode<T: Encodable>(_ value: T) throws -> Data {
        do {
            return Data(try SortedJSONEncoder().encode(value))
        } catch is SortedJSONEncoder.Unsupported {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            return try encoder.encode(value)
        }
    }

    public static func decode<T: Decodable>(_ type: T.Type, from data: Data) throws -> T {
        if data.allSatisfy({ $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }) {
            throw HTTPError.badRequest(code: "invalid_json", "The request body is empty; a JSON object was expected.")
        }
        let value: T
        do {
            value = try JSONDecoder().decode(type, from: data)
        } catch let error as DecodingError {
            throw httpError(for: error, body: data)
        }
        if let declaring = value as? TextFieldsDeclaring,
           let (field, problem) = TextRules.firstProblem(in: declaring.textFields) {
            throw HTTPError.text(problem, param: field.name)
        }
        return value
    }

    /// Maps a DecodingError to the answer the client gets.
    static func httpError(for error: DecodingError, body: Data) -> HTTPError {
        switch error {
        case .dataCorrupted(let context):
            if context.codingPath.isEmpty {
                // Foundation on Linux reports a number that does not fit the
                // field's type (2.5 for an Int) as invalid JSON without a path.
                guard let parsed = try? JSONSerialization.jsonObject(with: body, options: [.fragmentsAllowed]) else {
                    return .badRequest(code: "invalid_json", "The request body is not valid JSON.")
                }
                if let field = firstNonIntegerNumber(in: parsed, path: "") {
                    return .unprocessable("\(field) must be a whole number.", param: field)
                }
                return .unprocessable("The request body has a value that is not allowed.")
            }
            let field = fieldName(context.codingPath)
            return .unprocessable("\(field) has a value that is not allowed.", param: field)
        case .typeMismatch(let expected, let context):
            if context.codingPath.isEmpty {
                return .badRequest(code: "invalid_json", "The request body must be a JSON \(describe(expected)).")
            }
            let field = fieldName(context.codingPath)
            return .unprocessable("\(field) must be \(article(describe(expected))).", param: field)
        case .valueNotFound(let expected, let context):
            let field = fieldName(context.codingPath)
            return .unprocessable("\(field) must be \(article(describe(expected))), not null.", param: field)
        case .keyNotFound(let key, let context):
            let field = fieldName(context.codingPath + [key])
            return .unprocessable("\(field) is required.", param: field)
        @unknown default:
            return .badRequest(code: "invalid_json", "The request body could not be read.")
        }
    }

    /// The path of the first number that is fractional or too large for an integer.
    static func firstNonIntegerNumber(in value: Any, path: String) -> String? {
        if let object = value as? [String: Any] {
            for (key, element) in object.sorted(by: { $0.key < $1.key }) {
                let child = path.isEmpty ? key : path + "." + key
                if let found = firstNonIntegerNumber(in: element, path: child) { return found }
            }
        } else if let array = value as? [Any] {
            for (index, element) in array.enumerated() {
                if let found = firstNonIntegerNumber(in: element, path: path + "[\(index)]") { return found }
            }
        } else if let number = value as? NSNumber, !(value is Bool) {
            let double = number.doubleValue
            if double != double.rounded() || abs(double) >= 9.2e18 { return path.isEmpty ? "body" : path }
        }
        return nil
    }

    /// "address.postcode", "lines[0].quantity".
    static func fieldName(_ path: [CodingKey]) -> String {
        var name = ""
        for key in path {
            if let index = key.intValue, key.stringValue == "Index \(index)" || key.stringValue == "\(index)" {
                name += "[\(index)]"
            } else {
                name += name.isEmpty ? key.stringValue : "." + key.stringValue
            }
        }
        return name.isEmpty ? "body" : name
    }

    static func describe(_ type: Any.Type) -> String {
        switch type {
        case is Int.Type, is Int64.Type, is Int32.Type, is UInt.Type: return "integer"
        case is Double.Type, is Float.Type, is Decimal.Type: return "number"
        case is String.Type: return "string"
        case is Bool.Type: return "boolean (true or false)"
        case is [Any].Type: return "array"
        default:
            let name = String(describing: type)
            if name.hasPrefix("Array") || name.hasPrefix("[") { return "array" }
            return "object"
        }
    }

    static func article(_ noun: String) -> String {
        let vowels: Set<Character> = ["a", "e", "i", "o", "u"]
        return (noun.first.map { vowels.contains($0) } ?? false ? "an " : "a ") + noun
    }
}
