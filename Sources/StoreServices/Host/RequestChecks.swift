import StoreWire

/// What every request must satisfy before a handler sees it: its path
/// parameters, query parameters and the headers the services read follow
/// `TextRules`, and a body sent to be read says it is JSON. (Body fields are checked
/// where the body is decoded, by `JSONBody`.)
enum RequestChecks {
    /// The headers the services read, with their limits; others are ignored.
    static let checkedHeaders: [(name: String, limit: Int)] = [
        ("Authorization", TextLimits.bearerToken),
        ("Idempotency-Key", TextLimits.idempotencyKey),
    ]

    /// Methods whose body a handler reads.
    static let methodsWithBody: Set<String> = ["POST", "PUT", "PATCH"]

    /// Throws the 400 or 415 the request deserves, naming the part at fault.
    /// `limits` gives a parameter's limit by name; any other parameter is an id.
    static func check(_ request: HTTPRequest, limits: [String: Int]) throws {
        for (name, value) in request.pathParameters.sorted(by: { $0.key < $1.key }) {
            try require(TextField(name, value, limit: limits[name] ?? TextLimits.identifier))
        }
        for (name, value) in request.query.sorted(by: { $0.key < $1.key }) {
            try require(TextField(name, name, limit: TextLimits.identifier))
            try require(TextField(name, value, limit: limits[name] ?? TextLimits.identifier))
        }
        for (name, limit) in checkedHeaders {
            if let value = request.header(name) { try require(TextField(name, value, limit: limit)) }
        }
        if methodsWithBody.contains(request.method), !request.body.isEmpty {
            guard let type = request.header("Content-Type"), isJSON(type) else { throw HTTPError.unsupportedMediaType }
        }
    }

    /// `application/json`, with or without parameters, or any `…+json` type.
    static func isJSON(_ contentType: String) -> Bool {
        // The media type before any ";", without the spaces and tabs around it;
        // found by bytes, not Foundation's trimming: this runs on every request with a body.
        let bytes = contentType.utf8
        let isSpace = { (byte: UInt8) in byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") }
        var start = bytes.startIndex, end = bytes.firstIndex(of: UInt8(ascii: ";")) ?? bytes.endIndex
        while start < end, isSpace(bytes[start]) { start = bytes.index(after: start) }
        while end > start, isSpace(bytes[bytes.index(before: end)]) { end = bytes.index(before: end) }
        let mediaType = String(contentType[start..<end]).lowercased()
        return mediaType == "application/json" || mediaType.hasSuffix("+json")
    }

    private static func require(_ field: TextField) throws {
        if let problem = TextRules.problem(in: field.value, limit: field.limit) {
            throw HTTPError.text(problem, param: field.name)
        }
    }
}
