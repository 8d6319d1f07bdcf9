/// Where a literal text first occurs in another, character by character (grapheme
/// clusters, compared as `==` compares Characters). Written out rather than taken
/// from the standard library's `firstRange(of:)` or Foundation's `range(of:)`: the
/// first lives in the regular-expression module and the second starts
/// CoreFoundation's strings, and either reads megabytes of code into a client
/// that only wanted its first page.
public enum LiteralSearch {
    /// The first range of `text` equal to `literal`; nil for an empty literal.
    public static func firstRange(of literal: String, in text: Substring) -> Range<String.Index>? {
        guard let first = literal.first else { return nil }
        var from = text.startIndex
        while let candidate = text[from...].firstIndex(of: first) {
            var position = candidate
            var wanted = literal.startIndex
            while wanted < literal.endIndex, position < text.endIndex, text[position] == literal[wanted] {
                text.formIndex(after: &position)
                literal.formIndex(after: &wanted)
            }
            if wanted == literal.endIndex { return candidate..<position }
            from = text.index(after: candidate)
        }
        return nil
    }

    /// The first offset at which `bytes` hold `literal`; nil for an empty literal.
    public static func firstOffset(of literal: [UInt8], in bytes: [UInt8]) -> Int? {
        guard !literal.isEmpty, literal.count <= bytes.count else { return nil }
        for start in 0...(bytes.count - literal.count) where bytes[start] == literal[0] {
            var matched = 1
            while matched < literal.count, bytes[start + matched] == literal[matched] { matched += 1 }
            if matched == literal.count { return start }
        }
        return nil
    }
}
