import Foundation

/// The writing connection's settings for the length of a large import on
/// SQLite, put back afterwards. The import stays one transaction: a bad line,
/// or a crash, leaves the catalogue as it was.
struct BulkWriteSettings {
    private let database: SQLiteDatabase
    private let cacheSize: Int
    private let tempStore: Int

    init(_ database: SQLiteDatabase) throws {
        self.database = database
        cacheSize = try database.queryOne("PRAGMA cache_size")?.int("cache_size") ?? -2000
        tempStore = try database.queryOne("PRAGMA temp_store")?.int("temp_store") ?? 0
        // A page cache of up to 512 MiB keeps the pages an import touches in memory instead of
        // spilling them before the commit, and indexes are sorted in memory when they are rebuilt.
        try database.execute("PRAGMA cache_size = -524288; PRAGMA temp_store = MEMORY")
        // A rollback journal instead of the WAL: it keeps only the pages the import changes that
        // existed before it, so most pages are written once, to the database, instead of to the WAL
        // and again to the database. Another connection to the database (a running service) keeps it
        // in WAL mode, and the import then goes through the WAL as usual.
        try? database.execute("PRAGMA journal_mode = DELETE")
    }

    func restore() {
        try? database.execute("PRAGMA journal_mode = WAL; PRAGMA cache_size = \(cacheSize); PRAGMA temp_store = \(tempStore)")
    }
}
