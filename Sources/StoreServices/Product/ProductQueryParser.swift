import StoreWire

/// Reads `category`, `q`, `featured`, `limit` and `offset` from a query
/// string. A value that makes no sense is a 400 naming the parameter, never
/// silently replaced by a default; a category that does not exist is a 404.
enum ProductQueryParser {
    static let maxLimit = 100

    static func parse(_ parameters: [String: String], categoryID: (String) throws -> String?) throws -> ProductQuery {
        var query = ProductQuery()
        if let raw = parameters["category"]?.trimmingCharacters(in: .whitespaces), !raw.isEmpty {
            // A well-formed name of a category that does not exist is "not found", not a malformed request.
            guard let id = try categoryID(raw) else {
                var error = HTTPError.notFound(code: "category_not_found",
                                               "There is no category '\(raw)'. Use one listed by /product/v1/categories.")
                error.error.param = "category"
                throw error
            }
            query.category = id
        }
        if let text = parameters["q"]?.trimmingCharacters(in: .whitespacesAndNewlines), !text.isEmpty {
            query.text = text
        }
        if let raw = parameters["featured"] {
            // The contract's boolean: the words true and false, nothing else (not even empty).
            switch raw {
            case "true": query.featured = true
            case "false": query.featured = false
            default:
                throw HTTPError.badRequest(code: "invalid_parameter", "featured must be true or false.", param: "featured")
            }
        }
        if let raw = parameters["limit"] {
            guard let limit = Int(raw), (1...maxLimit).contains(limit) else {
                throw HTTPError.badRequest(code: "invalid_parameter",
                                           "limit must be a whole number from 1 to \(maxLimit).", param: "limit")
            }
            query.limit = limit
        }
        if let raw = parameters["offset"] {
            guard let offset = Int(raw), offset >= 0 else {
                throw HTTPError.badRequest(code: "invalid_parameter",
                                           "offset must be a whole number, 0 or more.", param: "offset")
            }
            query.offset = offset
        }
        return query
    }
}
