import Foundation
import StoreWire

/// Brings a catalogue in from JSON lines, one product a line in the API's
/// `Product` shape: products are added or replaced by id, categories created
/// as needed. Every line is checked (`ProductRules`) and written in one
/// transaction, so a file with a bad line imports nothing.
public enum ProductImport {
    /// Lines checked and written together; while the search index is written with the rows, each
    /// batch adds one segment to it on SQLite.
    public static let batchSize = 5000

    /// A bad line, by number, with the field at fault when there is one:
    /// `line 1234: price.amount: must be a whole number of cents from 0 to …`.
    public struct BadLine: Error, CustomStringConvertible, Equatable {
        public var line: Int
        public var field: String?
        public var message: String
        public var description: String { "line \(line): " + (field.map { "\($0): " } ?? "") + message }
    }

    public struct Summary: Equatable, Sendable {
        /// Lines read, blank ones included.
        public var lines: Int
        /// Products written: added and replaced.
        public var products: Int
        public var added: Int
        public var categoriesCreated: Int
    }

    /// Imports every line of `input` into `store`, calling `progress` with the
    /// number of lines read so far after each batch. Lines are decoded and their
    /// derived columns worked out on another thread while this one writes the
    /// batch before. Once the import outgrows the catalogue it started from, the
    /// listing indexes and the search index are built once at the end instead
    /// of row by row (on SQLite, where that is many times faster).
    public static func run(_ input: FileHandle, into store: ProductStore, batchSize: Int = batchSize,
                           progress: (Int) -> Void = { _ in }) throws -> Summary {
        let bulkSettings = try (store.database as? SQLiteDatabase).map(BulkWriteSettings.init)
        defer { bulkSettings?.restore() }
        return try store.database.transaction { db in
            let before = try productCount(db)
            let categoriesBefore = try db.query("SELECT id FROM categories").count
            let writer = try ProductWriter(db: db, search: store.search, updatesFeatured: false)
            var knownCategories = Set(try db.query("SELECT id FROM categories").map { $0.string("id") })
            var products = 0
            var lines = 0
            var deferred = false
            try PreparedBatches(input, size: batchSize).forEach { rows, tally, linesRead in
                if bulkSettings != nil, !deferred, products + rows.count > max(before, batchSize) {
                    try store.dropListingIndexes(in: db)
                    writer.indexesSearch = false
                    deferred = true
                }
                let newCategories = Set(rows.map(\.product.category)).subtracting(knownCategories)
                if !newCategories.isEmpty {
                    try store.ensureCategories(newCategories, in: db)
                    knownCategories.formUnion(newCategories)
                }
                try writer.write(rows, tally: tally)
                products += rows.count
                lines = linesRead
                progress(lines)
            }
            if deferred {
                try store.createListingIndexes(in: db)
                try store.search.rebuild(in: db)
            }
            try store.recountCategories(in: db)
            return Summary(lines: lines, products: products, added: try productCount(db) - before,
                           categoriesCreated: try db.query("SELECT id FROM categories").count - categoriesBefore)
        }
    }

    private static func productCount(_ db: SQLDatabase) throws -> Int {
        try db.queryOne("SELECT COUNT(*) AS n FROM products")?.int("n") ?? 0
    }

    /// The product on a line, nil for a blank line, or the line's first problem.
    static func parse(_ line: Data, number: Int, decoder: JSONDecoder) throws -> Product? {
        guard line.contains(where: { !(0x20 == $0 || 0x09 == $0 || 0x0D == $0) }) else { return nil }
        let product: Product
        do {
            product = try decoder.decode(Product.self, from: line)
        } catch let error as DecodingError {
            throw badLine(number, error)
        }
        if let (field, message) = ProductRules.problem(in: product) {
            throw BadLine(line: number, field: field, message: message)
        }
        return product
    }

    /// Says which field of a line JSON decoding stopped at, and what it must be.
    static func badLine(_ number: Int, _ error: DecodingError) -> BadLine {
        func path(_ keys: [CodingKey]) -> String? {
            var text = ""
            for key in keys {
                if let index = key.intValue { text += "[\(index)]" } else { text += (text.isEmpty ? "" : ".") + key.stringValue }
            }
            return text.isEmpty ? nil : text
        }
        switch error {
        case .keyNotFound(let key, let context):
            return BadLine(line: number, field: path(context.codingPath + [key]), message: "is missing")
        case .valueNotFound(_, let context):
            return BadLine(line: number, field: path(context.codingPath), message: "must not be null")
        case .typeMismatch(let type, let context):
            return BadLine(line: number, field: path(context.codingPath), message: "must be " + describe(type))
        case .dataCorrupted(let context):
            guard let field = path(context.codingPath) else {
                return BadLine(line: number, field: nil, message: "is not a JSON object of a product")
            }
            switch context.codingPath.last?.stringValue {
            case "kind": return BadLine(line: number, field: field, message: "must be \"physical\" or \"digital\"")
            case "amount", "stock": return BadLine(line: number, field: field, message: "must be a whole number")
            default: return BadLine(line: number, field: field, message: "is not valid here")
            }
        @unknown default:
            return BadLine(line: number, field: nil, message: "is not a product")
        }
    }

    private static func describe(_ type: Any.Type) -> String {
        if type == Int.self { return "a whole number" }
        if type == String.self { return "text" }
        return String(describing: type).hasPrefix("Array") ? "a list" : "an object"
    }
}

/// The lines of a file or pipe, read in large blocks.
struct LineReader {
    let handle: FileHandle
    static let blockSize = 1 << 20

    init(_ handle: FileHandle) { self.handle = handle }

    /// Calls `body` with each line without its line break; a last line without one counts too.
    func forEach(_ body: (Data) throws -> Void) throws {
        var pending = Data()
        var ends: [Int] = []
        while let block = try handle.read(upToCount: Self.blockSize), !block.isEmpty {
            if pending.isEmpty { pending = block } else { pending.append(block) }
            Self.lineBreaks(in: pending, into: &ends)
            var start = pending.startIndex
            for end in ends {
                try body(pending[start..<end])
                start = end + 1
            }
            pending = Data(pending[start...])
        }
        if !pending.isEmpty { try body(pending) }
    }

    /// The indexes of `data`'s line breaks, found by `memchr`: searching a `Data` byte by byte
    /// through its `Collection` methods took a tenth of an import's time.
    private static func lineBreaks(in data: Data, into ends: inout [Int]) {
        ends.removeAll(keepingCapacity: true)
        data.withUnsafeBytes { bytes in
            guard let base = bytes.baseAddress else { return }
            var offset = 0
            while offset < bytes.count, let found = memchr(base + offset, 0x0A, bytes.count - offset) {
                offset = base.distance(to: UnsafeRawPointer(found))
                ends.append(data.startIndex + offset)
                offset += 1
            }
        }
    }
}
