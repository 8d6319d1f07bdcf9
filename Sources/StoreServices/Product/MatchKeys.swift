import Foundation

/// A search's matches on SQLite by row id, put in the listing's order as SQLite's BINARY
/// collation orders `(sort_key, id)`: by their UTF-8 bytes. The keys of all matches share one
/// buffer and are compared with `memcmp`, after their first eight bytes as one number: a row,
/// two strings and two arrays made for each match, and a generic byte-by-byte comparison in the
/// sort, were a quarter of a rare word's search.
struct MatchKeys {
    private var bytes: [UInt8] = []
    private var matches: [Match] = []

    private struct Match {
        let rowid: Int64
        /// The sort key's first eight bytes, big-endian, zeros past its end: ordered as the bytes are.
        let prefix: UInt64
        let sortKey: Range<Int>
        let id: Range<Int>
    }

    var count: Int { matches.count }

    mutating func append(rowid: Int64, sortKey: UnsafeBufferPointer<UInt8>, id: UnsafeBufferPointer<UInt8>) {
        var prefix: UInt64 = 0
        for index in 0..<8 { prefix = prefix << 8 | UInt64(index < sortKey.count ? sortKey[index] : 0) }
        let sortKeyStart = bytes.count
        bytes.append(contentsOf: sortKey)
        let idStart = bytes.count
        bytes.append(contentsOf: id)
        matches.append(Match(rowid: rowid, prefix: prefix, sortKey: sortKeyStart..<idStart, id: idStart..<bytes.count))
    }

    /// The row ids in the listing's order.
    func rowidsInOrder() -> [Int64] {
        var sorted = matches
        bytes.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return }
            /// Whether `a` sorts before `b`: as `memcmp` orders their common length, else the shorter
            /// first; nil when they are the same.
            func precedes(_ a: Range<Int>, _ b: Range<Int>) -> Bool? {
                let common = memcmp(base + a.lowerBound, base + b.lowerBound, min(a.count, b.count))
                if common != 0 { return common < 0 }
                return a.count == b.count ? nil : a.count < b.count
            }
            sorted.sort { a, b in
                if a.prefix != b.prefix { return a.prefix < b.prefix }
                return precedes(a.sortKey, b.sortKey) ?? precedes(a.id, b.id) ?? false
            }
        }
        return sorted.map(\.rowid)
    }
}
