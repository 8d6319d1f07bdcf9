import Foundation

extension OpenAPIContract {
    /// Every way an answer departs from what the document says `operation`
    /// answers: an undocumented status, a required header missing, a body
    /// that is not JSON or does not fit the status's schema. Empty when it conforms.
    public func problems(of response: RawResponse, for operation: Operation) -> [String] {
        let paths = document["paths"] as? [String: Any]
        guard let item = paths?[operation.path] as? [String: Any],
              let described = item[operation.method.lowercased()] as? [String: Any] else {
            return ["\(operation) is not in the document"]
        }
        let responses = described["responses"] as? [String: Any] ?? [:]
        guard var documented = (responses[String(response.status)] ?? responses["default"]) as? [String: Any] else {
            return ["\(operation) answered \(response.status), which is not documented (documented: "
                    + responses.keys.sorted().joined(separator: ", ") + "): \(response.text.prefix(300))"]
        }
        var found: [String] = []
        if let reference = documented["$ref"] as? String {
            do { documented = try resolve(reference) } catch { return ["\(operation) \(response.status): \(error)"] }
        }
        for (name, header) in documented["headers"] as? [String: [String: Any]] ?? [:]
        where header["required"] as? Bool == true && response.header(name) == nil {
            found.append("\(operation) \(response.status): required header \(name) is missing")
        }
        guard let content = documented["content"] as? [String: Any] else {
            if !response.body.isEmpty { found.append("\(operation) \(response.status): a body where none is documented") }
            return found
        }
        guard let media = content["application/json"] as? [String: Any] else {
            return found + ["\(operation) \(response.status): only JSON answers are checked"]
        }
        if response.header("content-type")?.hasPrefix("application/json") != true {
            found.append("\(operation) \(response.status): Content-Type is \(response.header("content-type") ?? "missing")")
        }
        guard let value = try? JSONSerialization.jsonObject(with: response.body, options: [.fragmentsAllowed]) else {
            return found + ["\(operation) \(response.status): the body is not JSON"]
        }
        let schema = media["schema"] as? [String: Any] ?? [:]
        return found + SchemaValidator(self).problems(value, schema).map { "\(operation) \(response.status): \($0)" }
    }
}
