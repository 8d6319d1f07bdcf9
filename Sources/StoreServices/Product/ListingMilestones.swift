import Foundation

/// Every `spacing`th place in the order of a plain listing (all products, or one category's),
/// kept so that a deep page starts its walk through the listing's index at the milestone before
/// it: page 2,000 of 25 walked 49,975 index entries before its own 25; from a milestone it walks
/// fewer than `spacing`. SQLite only (the key is read with a row-value comparison).
///
/// The order changes only when products' other fields do, so milestones are kept under the mark
/// of the kept answers (`ProductAnswers`), and the query of a page from a milestone checks that
/// mark itself: under another mark it finds nothing, the page is walked from the listing's start,
/// and the milestones are read again: one pass through the listing's index (seconds at a million
/// products on a busy machine), so at most once in `rereadInterval`, one listing at a time, on a
/// thread of its own and a read-only connection, holding up neither the request nor a writer.
final class ListingMilestones: @unchecked Sendable {
    static let spacing = 256
    static let rereadInterval: TimeInterval = 5

    /// Where a page's walk starts: the milestone's key, read under `mark`, and the entries to step over after it.
    struct Start {
        let mark: SQLValue
        let sortKey: String
        let id: String
        let skip: Int
    }

    private struct Milestones {
        let mark: SQLValue
        /// `keys[k]` is the sort key and id at offset `(k + 1) * spacing`.
        let keys: [(sortKey: String, id: String)]
    }

    private let lock = NSLock()
    /// By category; "" for the listing of all products (no category id is empty).
    private var kept: [String: Milestones] = [:]
    private var lastRead: [String: Date] = [:]
    private var reading: Set<String> = []
    /// Whether `readSoon` reads on a thread of its own (tests read in place, to know when it is done).
    let readsInBackground: Bool

    init(readsInBackground: Bool = true) { self.readsInBackground = readsInBackground }

    /// The milestone at or before `offset` in the listing of `category`, or nil when none is kept.
    func start(at offset: Int, category: String?) -> Start? {
        lock.lock(); defer { lock.unlock() }
        guard offset >= Self.spacing, let milestones = kept[category ?? ""], !milestones.keys.isEmpty else { return nil }
        let index = min(offset / Self.spacing, milestones.keys.count) - 1
        let key = milestones.keys[index]
        return Start(mark: milestones.mark, sortKey: key.sortKey, id: key.id, skip: offset - (index + 1) * Self.spacing)
    }

    /// Reads the milestones of `category`'s listing again, unless they were read in the last
    /// `rereadInterval` or are being read; a failed read leaves the pages walked from the start.
    func readSoon(category: String?, in database: SQLiteDatabase, now: Date = Date()) {
        let name = category ?? ""
        lock.lock()
        let due = !reading.contains(name) && lastRead[name].map { now.timeIntervalSince($0) >= Self.rereadInterval } ?? true
        if due { reading.insert(name) }
        lock.unlock()
        guard due else { return }
        guard readsInBackground else { return read(category: category, in: database, now: now) }
        Thread.detachNewThread { [self] in read(category: category, in: database, now: now) }
    }

    private func read(category: String?, in database: SQLiteDatabase, now: Date) {
        let name = category ?? ""
        defer {
            lock.lock()
            reading.remove(name)
            lastRead[name] = now
            lock.unlock()
        }
        // One statement, so the keys and the mark are of one moment. `place` counts from 1.
        guard let rows = try? database.readOnlyQuery("""
            SELECT sort_key, id, (SELECT value FROM catalogue_state WHERE name = '\(ProductAnswers.markName)') + 0 AS mark
            FROM (SELECT sort_key, id, row_number() OVER (ORDER BY sort_key, id) AS place FROM products
                  \(category == nil ? "" : "WHERE category = ?")) AS listing
            WHERE place > 1 AND place % \(Self.spacing) = 1 ORDER BY place
            """, arguments: category.map { [$0] } ?? []) else { return }
        let milestones = Milestones(mark: rows.first?[2] ?? .null, keys: rows.map { ($0.string("sort_key"), $0.string("id")) })
        lock.lock()
        kept[name] = milestones
        lock.unlock()
    }
}
