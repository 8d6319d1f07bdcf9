import Foundation
import StoreWire

/// Each product's JSON answer up to its stock, written once and kept by product id, so a
/// page of products is a copy of kept bytes per product with its stock, read from its row
/// for every answer, spliced in (stock is the answer's last key). Writing an answer from
/// its row was most of a catalogue page's time: reading every column into strings and
/// escaping the descriptions.
///
/// What is kept stays true by a mark in `catalogue_state` that every write of a product's
/// fields other than its stock replaces (`ProductWriter`), in the same transaction: the
/// queries that read the stock read the mark with it, and a mark other than the one the
/// kept answers were written under drops them all. So a product changed by another
/// process (an import, a second instance on the same database) is answered as it is now.
final class ProductAnswers: @unchecked Sendable {
    /// The `catalogue_state` name of the mark.
    static let markName = "answers"
    /// The columns a query of answers reads instead of the whole row, in this order: the
    /// product's id, its stock and the mark. The mark (digits) is read as a number, which
    /// SQLite copies into each row without allocating, as it did the text.
    static let columns = "products.id, products.stock, (SELECT value FROM catalogue_state WHERE name = '\(markName)') + 0 AS mark"

    /// A product as an answer: its kept bytes, and the stock to splice in.
    struct Answer {
        let beforeStock: [UInt8]
        let stock: Int

        func write(into output: inout JSONOutput) {
            output.append(json: beforeStock)
            output.productStock(stock)
        }
    }

    /// Bytes kept at most; past it all are dropped and kept again as they are asked for
    /// (a bound on memory without tracking use). About 40,000 products of the made-up
    /// catalogue's size.
    private let byteLimit: Int
    private let lock = NSLock()
    private var kept: [String: [UInt8]] = [:]
    private var keptBytes = 0
    private var mark: SQLValue = .null

    init(byteLimit: Int = 32 << 20) { self.byteLimit = byteLimit }

    /// Replaces the mark: call inside the transaction that changes any product's fields but its stock.
    static func fieldsChanged(in db: SQLDatabase) throws {
        // Below 2^53, so the mark is the same number read as a double (MariaDB's `+ 0` of text).
        let mark = String(UInt64.random(in: 1 ..< 1 << 52))
        try db.run("INSERT INTO catalogue_state (name, value) VALUES (?, ?) "
                   + db.dialect.upsert(conflictKey: ["name"], set: ["value"]), markName, mark)
    }

    /// The answers of `rows` (read with `columns`), in their order; `row` reads a product's
    /// whole row for one not kept (nil when it is gone since: it is left out).
    func answers(_ rows: [SQLRow], row: (String) throws -> SQLRow?) throws -> [Answer] {
        guard let first = rows.first else { return [] }
        let mark = first[2]
        var answers: [Answer] = []
        answers.reserveCapacity(rows.count)
        var missing: [(index: Int, id: String)] = []
        lock.lock()
        if mark != self.mark {
            kept.removeAll(keepingCapacity: true)
            keptBytes = 0
            self.mark = mark
        }
        for (index, row) in rows.enumerated() {
            let id = Self.text(row[0])
            let bytes = kept[id]
            if bytes == nil { missing.append((index, id)) }
            answers.append(Answer(beforeStock: bytes ?? [], stock: Self.number(row[1])))
        }
        lock.unlock()
        guard !missing.isEmpty else { return answers }
        var written: [(id: String, bytes: [UInt8])] = []
        for (index, id) in missing {
            guard let full = try row(id) else { continue }
            var output = JSONOutput(capacity: 2048)
            StoredProduct(full).writeBeforeStock(into: &output)
            answers[index] = Answer(beforeStock: output.bytes, stock: answers[index].stock)
            written.append((id, output.bytes))
        }
        keep(written, under: mark)
        // A product deleted between the two reads has no bytes: left out, as if read a moment later.
        return answers.filter { !$0.beforeStock.isEmpty }
    }

    /// Keeps answers written from rows read under `mark` (or later): when the mark has moved
    /// on meanwhile they may be older than it, and are not kept.
    private func keep(_ written: [(id: String, bytes: [UInt8])], under mark: SQLValue) {
        lock.lock(); defer { lock.unlock() }
        guard mark == self.mark else { return }
        for (id, bytes) in written {
            if keptBytes + bytes.count > byteLimit {
                kept.removeAll(keepingCapacity: true)
                keptBytes = 0
            }
            if kept.updateValue(bytes, forKey: id) == nil { keptBytes += bytes.count }
        }
    }

    /// The columns by position (read by name, each row's columns were searched and compared),
    /// converted as `SQLRow`'s getters convert them.
    private static func text(_ value: SQLValue) -> String {
        if case .text(let text) = value { return text }
        return SQLRow(columns: ["value"], values: [value]).string("value")
    }

    private static func number(_ value: SQLValue) -> Int {
        if case .integer(let number) = value { return Int(truncatingIfNeeded: number) }
        return SQLRow(columns: ["value"], values: [value]).int("value")
    }
}
