/// A list answer: either a bare JSON array or an object holding the array under
/// a conventional key ({"orders": [...]}, {"items": [...]}, {"data": [...]}), so
/// the client works with deployments that wrap their lists.
struct ListAnswer<Element: Decodable>: Decodable {
    var elements: [Element]

    private struct AnyKey: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    init(from decoder: Decoder) throws {
        if let array = try? decoder.singleValueContainer().decode([Element].self) {
            elements = array
            return
        }
        let object = try decoder.container(keyedBy: AnyKey.self)
        for key in object.allKeys where (try? object.decode([Element].self, forKey: key)) != nil {
            elements = try object.decode([Element].self, forKey: key)
            return
        }
        throw DecodingError.dataCorrupted(.init(codingPath: [], debugDescription: "no list in the answer"))
    }
}
