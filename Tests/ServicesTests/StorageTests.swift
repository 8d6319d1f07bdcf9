import Foundation
import Testing
@testable import StoreServices

/// The SQLite wrapper on real database files.
@Suite struct StorageTests {
    static func temporaryDatabase() throws -> (SQLiteDatabase, URL) {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("sqlite-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let database = try SQLiteDatabase(url: directory.appendingPathComponent("test.sqlite"))
        try database.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT UNIQUE, score REAL, data BLOB, n INTEGER)")
        return (database, directory)
    }

    /// Text is bound and read by its byte length: a NUL inside never cuts it
    /// short on the way in, in a lookup, or on the way out.
    @Test func textWithANulIsStoredAndReadWhole() throws {
        let (db, directory) = try Self.temporaryDatabase(); defer { try? FileManager.default.removeItem(at: directory) }
        let whole = "eve@example.com\u{0}.evil.example"
        try db.run("INSERT INTO t (name) VALUES (?)", whole)
        #expect(try db.queryOne("SELECT name, length(CAST(name AS BLOB)) AS bytes FROM t")?.int("bytes") == whole.utf8.count)
        #expect(try db.queryOne("SELECT name FROM t")?.string("name") == whole)
        #expect(try db.queryOne("SELECT name FROM t WHERE name = ?", "eve@example.com") == nil)
        #expect(try db.queryOne("SELECT name FROM t WHERE name = ?", whole) != nil)
        try db.run("INSERT INTO t (name) VALUES (?)", "")
        #expect(try db.queryOne("SELECT COUNT(*) AS n FROM t WHERE name = ''")?.int("n") == 1)
    }

    @Test func valuesRoundTripWithTheirTypes() throws {
        let (db, directory) = try Self.temporaryDatabase(); defer { try? FileManager.default.removeItem(at: directory) }
        let nothing: String? = nil
        try db.run("INSERT INTO t (name, score, data, n) VALUES (?, ?, ?, ?)", "三体 — Les Misérables", 2.5, Data([0, 1, 255]), Int64.max)
        try db.run("INSERT INTO t (name, score, data, n) VALUES (?, ?, ?, ?)", nothing, 0.0, Data(), true)
        let rows = try db.query("SELECT * FROM t ORDER BY id")
        #expect(rows.count == 2)
        #expect(rows[0].string("name") == "三体 — Les Misérables")
        #expect(rows[0].double("score") == 2.5)
        #expect(rows[0].data("data") == Data([0, 1, 255]))
        #expect(rows[0].int64("n") == Int64.max)
        #expect(rows[1].optionalString("name") == nil && rows[1].isNull("name"))
        #expect(rows[1].bool("n"))
        let journal = try db.queryOne("PRAGMA journal_mode")
        #expect(journal?.string("journal_mode") == "wal")
    }

    @Test func failedTransactionRollsBackAndConstraintErrorsAreRecognised() throws {
        let (db, directory) = try Self.temporaryDatabase(); defer { try? FileManager.default.removeItem(at: directory) }
        try db.run("INSERT INTO t (name) VALUES (?)", "first")
        #expect(throws: SQLiteError.self) {
            try db.transaction { db in
                try db.run("INSERT INTO t (name) VALUES (?)", "second")
                try db.run("INSERT INTO t (name) VALUES (?)", "first")
            }
        }
        #expect(try db.query("SELECT name FROM t").map { $0.string("name") } == ["first"])
        do {
            try db.run("INSERT INTO t (name) VALUES (?)", "first")
            Issue.record("a duplicate was inserted")
        } catch let error as SQLiteError {
            #expect(error.isConstraintViolation)
        }
    }

    @Test func transactionsFromManyThreadsDoNotLoseUpdates() throws {
        let (db, directory) = try Self.temporaryDatabase(); defer { try? FileManager.default.removeItem(at: directory) }
        try db.run("INSERT INTO t (id, n) VALUES (1, 0)")
        DispatchQueue.concurrentPerform(iterations: 8) { _ in
            for _ in 0..<50 {
                try? db.transaction { db in
                    let n = try db.queryOne("SELECT n FROM t WHERE id = 1")?.int("n") ?? 0
                    try db.run("UPDATE t SET n = ? WHERE id = 1", n + 1)
                }
            }
        }
        #expect(try db.queryOne("SELECT n FROM t WHERE id = 1")?.int("n") == 400)
        // SQLite leaves the WAL's sync to the group commit, which has synced every commit by the time it returned.
        #expect(try db.queryOne("PRAGMA synchronous")?.int("synchronous") == 1, "NORMAL")
        let counts = db.groupSync.counts
        #expect(counts.committed >= 401 && counts.durable == counts.committed, "\(counts)")
    }

    /// The timestamps written without a formatter read as ISO8601DateFormatter writes them.
    @Test func timestampsAreWrittenAsTheISO8601FormatterWritesThem() {
        let formatter = ISO8601DateFormatter()
        for seconds in [0, 1_764_670_000.999, 951_782_400, 4_102_444_799.5, -1.5, 1_000_000_000_000] as [Double] {
            let date = Date(timeIntervalSince1970: seconds)
            #expect(Timestamp.string(from: date) == formatter.string(from: date), "\(seconds)")
        }
    }

    @Test func preparedStatementsBindAndStep() throws {
        let (db, directory) = try Self.temporaryDatabase(); defer { try? FileManager.default.removeItem(at: directory) }
        try db.transaction { _ in
            let insert = try db.prepare("INSERT INTO t (name, n) VALUES (?, ?)")
            for index in 1...5 {
                try insert.bind(["row \(index)", index * 10])
                _ = try insert.step()
                insert.reset()
            }
        }
        let sum = try db.withConnection { _ -> Int in
            let select = try db.prepare("SELECT n FROM t WHERE n > ? ORDER BY n")
            try select.bind([20])
            var total = 0
            while try select.step() { total += select.int(0) }
            return total
        }
        #expect(sum == 30 + 40 + 50)
    }

    @Test func twoConnectionsToOneFileSeeEachOthersCommits() throws {
        let (db, directory) = try Self.temporaryDatabase(); defer { try? FileManager.default.removeItem(at: directory) }
        let other = try SQLiteDatabase(path: db.path)
        try db.run("INSERT INTO t (name) VALUES ('shared')")
        #expect(try other.query("SELECT name FROM t").count == 1)
    }

    /// While one thread holds a transaction, another thread's query is
    /// answered at once from a read-only connection with what was committed;
    /// the transaction's own queries see its uncommitted writes.
    @Test func queriesElsewhereReadTheLastCommitWhileATransactionRuns() throws {
        let (db, directory) = try Self.temporaryDatabase(); defer { try? FileManager.default.removeItem(at: directory) }
        try db.run("INSERT INTO t (name) VALUES (?)", "committed")
        let inside = DispatchSemaphore(value: 0), finish = DispatchSemaphore(value: 0)
        let seenInside = Locked<Int?>(nil)
        let writer = Thread {
            try? db.transaction { tx in
                try tx.run("INSERT INTO t (name) VALUES (?)", "uncommitted")
                let count = try tx.queryOne("SELECT COUNT(*) AS n FROM t")?.int("n")
                seenInside.mutate { $0 = count }
                inside.signal()
                _ = finish.wait(timeout: .now() + 20)
            }
        }
        writer.start()
        inside.wait()
        #expect(seenInside.value == 2, "the transaction reads its own write")
        #expect(try db.queryOne("SELECT COUNT(*) AS n FROM t")?.int("n") == 1, "another thread reads the last commit")
        finish.signal()
        #expect(try eventually { (try db.queryOne("SELECT COUNT(*) AS n FROM t")?.int("n")) == 2 })
    }

    /// A kept statement still sees a column added after it was first prepared.
    @Test func keptStatementsFollowAnAddedColumn() throws {
        let (db, directory) = try Self.temporaryDatabase(); defer { try? FileManager.default.removeItem(at: directory) }
        try db.run("INSERT INTO t (name) VALUES (?)", "a")
        #expect(try db.queryOne("SELECT * FROM t")?.columns.contains("extra") == false)
        try db.addMissingColumns("t", ["extra": "TEXT NOT NULL DEFAULT 'x'"])
        #expect(try db.queryOne("SELECT * FROM t")?.string("extra") == "x")
    }
}
