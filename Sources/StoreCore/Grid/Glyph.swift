import Foundation

/// What a cell shows, as a plain 32-bit value: a Unicode scalar's own value for
/// a character of one scalar (nearly every one on screen), or the index of a
/// grapheme cluster of several scalars (a letter with combining marks, an emoji
/// with a presentation selector or skin tone, a flag) in a table each cluster
/// enters once. Cells holding glyphs carry no reference count, so a grid of
/// 12,000 is filled, copied, compared and freed as plain memory.
public struct Glyph: Hashable, Sendable {
    /// A scalar's value (below 0x110000), or `clusterBit` plus an index in `GlyphClusters`.
    @usableFromInline let bits: UInt32

    @usableFromInline static let clusterBit: UInt32 = 1 << 31

    public static let space = Glyph(ascii: 0x20)

    @inlinable
    public init(ascii byte: UInt8) { bits = UInt32(byte) }

    public init(_ scalar: Unicode.Scalar) { bits = scalar.value }

    public init(_ character: Character) {
        let scalars = character.unicodeScalars
        if let first = scalars.first, scalars.index(after: scalars.startIndex) == scalars.endIndex {
            bits = first.value
        } else {
            bits = GlyphClusters.shared.index(of: character).map { Self.clusterBit | $0 }
                ?? scalars.first?.value ?? 0x20
        }
    }

    /// The scalar, when the glyph is one scalar alone.
    @inlinable
    public var scalar: Unicode.Scalar? {
        bits & Self.clusterBit == 0 ? Unicode.Scalar(bits) : nil
    }

    public var character: Character {
        if let scalar { return Character(scalar) }
        return GlyphClusters.shared.character(at: bits & ~Self.clusterBit)
    }

    /// Columns it takes on a terminal (`DisplayWidth`).
    public var width: Int {
        if let scalar { return DisplayWidth.of(scalar: scalar) }
        return DisplayWidth.of(character)
    }

    /// Bytes its UTF-8 takes.
    public var utf8Count: Int {
        if let scalar { return UTF8.width(scalar) }
        return character.utf8.count
    }
}

/// The grapheme clusters of more than one scalar that cells have shown, each
/// kept once for the life of the process so that a glyph can name it by index
/// and equal clusters have equal glyphs. Clusters are told apart by their exact
/// scalars (not by canonical equivalence), so a cluster is drawn as it was
/// written. A screen shows a few dozen such clusters; past `capacity` distinct
/// ones (text crafted to fill memory) a new cluster shows as its first scalar.
final class GlyphClusters: @unchecked Sendable {
    static let shared = GlyphClusters()
    static let capacity = 1 << 16

    private let lock = NSLock()
    private var clusters: [Character] = []
    private var indexes: [[UInt8]: UInt32] = [:]

    /// The cluster's index, entering it if it is new; nil when the table is full.
    func index(of cluster: Character) -> UInt32? {
        let key = Array(cluster.utf8)
        lock.lock(); defer { lock.unlock() }
        if let index = indexes[key] { return index }
        guard clusters.count < Self.capacity else { return nil }
        let index = UInt32(clusters.count)
        clusters.append(cluster)
        indexes[key] = index
        return index
    }

    func character(at index: UInt32) -> Character {
        lock.lock(); defer { lock.unlock() }
        return Int(index) < clusters.count ? clusters[Int(index)] : " "
    }
}
