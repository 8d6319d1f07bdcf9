import Foundation
import Testing
import TestSupport
@testable import StoreServices

/// The MariaDB database layer against a real `mariadbd`: one server for the
/// process, a database of its own for each test.
@Suite struct MariaDBDatabaseTests {
    static func table() throws -> MariaDBDatabase {
        let database = try MariaDBServer.shared().freshDatabase()
        try database.execute("""
            CREATE TABLE t (id INTEGER PRIMARY KEY AUTO_INCREMENT, name VARCHAR(255) UNIQUE, score DOUBLE,
                            data LONGBLOB, n BIGINT, note TEXT);
            CREATE TABLE counter (id INTEGER PRIMARY KEY, n INTEGER NOT NULL CHECK (n >= 0))
            """)
        return database
    }

    @Test func valuesRoundTripWithTheirTypesIncludingNULAndLongValues() throws {
        let db = try Self.table()
        let nothing: String? = nil
        let bytes = Data([0, 1, 0, 255, 10, 13, 0])
        let long = String(repeating: "Les Misérables 三体 ", count: 400)   // beyond the first fetch buffer
        let bigBlob = Data((0..<300_000).map { UInt8(truncatingIfNeeded: $0 &* 31) })
        try db.run("INSERT INTO t (name, score, data, n, note) VALUES (?, ?, ?, ?, ?)",
                   "三体 — a\u{0}b", 2.5, bytes, Int64.max, long)
        try db.run("INSERT INTO t (name, score, data, n, note) VALUES (?, ?, ?, ?, ?)", nothing, -0.125, Data(), Int64.min, "")
        try db.run("INSERT INTO t (name, data, n) VALUES (?, ?, ?)", "big", bigBlob, true)
        let rows = try db.query("SELECT * FROM t ORDER BY id")
        #expect(rows.count == 3)
        #expect(rows[0].string("name") == "三体 — a\u{0}b")
        #expect(rows[0].double("score") == 2.5)
        #expect(rows[0].data("data") == bytes)
        #expect(rows[0].int64("n") == Int64.max)
        #expect(rows[0].string("note") == long)
        #expect(rows[1].optionalString("name") == nil && rows[1].isNull("name"))
        #expect(rows[1].double("score") == -0.125)
        #expect(rows[1].int64("n") == Int64.min)
        #expect(rows[1].data("data") == Data() && !rows[1].isNull("data"))
        #expect(rows[1].string("note") == "" && !rows[1].isNull("note"))
        #expect(rows[2].data("data") == bigBlob)
        #expect(rows[2].bool("n"))
        #expect(rows[2].isNull("score") && rows[2].optionalDouble("score") == nil)
        // Aggregates: COUNT is an integer, SUM of integers a DECIMAL read as a number.
        let totals = try db.queryOne("SELECT COUNT(*) AS c, SUM(id) AS s FROM t")
        #expect(totals?.int("c") == 3 && totals?.int("s") == 6)
    }

    @Test func valuesAreBoundNeverSplicedIntoTheStatement() throws {
        let db = try Self.table()
        let hostile = "x'); DROP TABLE t; -- \\ ` \" ?"
        try db.run("INSERT INTO t (name) VALUES (?)", hostile)
        #expect(try db.queryOne("SELECT name FROM t WHERE name = ?", hostile)?.string("name") == hostile)
        #expect(try db.query("SELECT id FROM t").count == 1)
        #expect(throws: MariaDBError.self) { try db.run("INSERT INTO t (name) VALUES (?)", arguments: []) }
    }

    @Test func failedTransactionRollsBackAndConstraintErrorsAreRecognised() throws {
        let db = try Self.table()
        try db.run("INSERT INTO t (name) VALUES (?)", "first")
        #expect(throws: MariaDBError.self) {
            try db.transaction { db in
                try db.run("INSERT INTO t (name) VALUES (?)", "second")
                try db.run("INSERT INTO t (name) VALUES (?)", "first")
            }
        }
        #expect(try db.query("SELECT name FROM t").map { $0.string("name") } == ["first"])
        for statement in ["INSERT INTO t (name) VALUES ('first')", "INSERT INTO counter (id, n) VALUES (1, -1)"] {
            do {
                try db.run(statement)
                Issue.record("the database accepted \(statement)")
            } catch let error as MariaDBError {
                #expect(error.isConstraintViolation && !error.isUnavailable, "\(error)")
            }
        }
    }

    @Test func statementsOfTheThreadInATransactionJoinIt() throws {
        let db = try Self.table()
        struct Abort: Error {}
        #expect(throws: Abort.self) {
            try db.transaction { inner in
                try inner.run("INSERT INTO t (name) VALUES ('through the argument')")
                try db.run("INSERT INTO t (name) VALUES ('through the database')")
                try db.transaction { nested in try nested.run("INSERT INTO t (name) VALUES ('nested')") }
                #expect(try db.query("SELECT id FROM t").count == 3)
                throw Abort()
            }
        }
        #expect(try db.query("SELECT id FROM t").isEmpty)
    }

    @Test func concurrentIncrementsThroughForUpdateLoseNothing() throws {
        let db = try Self.table()
        try db.run("INSERT INTO counter (id, n) VALUES (1, 0)")
        let failures = LockedCount()
        DispatchQueue.concurrentPerform(iterations: 8) { _ in
            for _ in 0..<25 {
                do {
                    try db.transaction { db in
                        let n = try db.queryOne("SELECT n FROM counter WHERE id = 1" + db.dialect.forUpdate)?.int("n") ?? 0
                        try db.run("UPDATE counter SET n = ? WHERE id = 1", n + 1)
                    }
                } catch {
                    failures.add()
                }
            }
        }
        #expect(failures.value == 0)
        #expect(try db.queryOne("SELECT n FROM counter WHERE id = 1")?.int("n") == 200)
    }

    @Test func scriptsAndMissingColumns() throws {
        let db = try Self.table()
        try db.execute("INSERT INTO t (name) VALUES ('a;b'); INSERT INTO t (name) VALUES ('c')")
        #expect(try db.query("SELECT name FROM t ORDER BY id").map { $0.string("name") } == ["a;b", "c"])
        try db.addMissingColumns("t", ["extra": "DOUBLE", "name": "TEXT"])
        try db.addMissingColumns("t", ["extra": "DOUBLE"])
        try db.run("UPDATE t SET extra = ? WHERE name = 'c'", 1.5)
        #expect(try db.queryOne("SELECT extra FROM t WHERE name = 'c'")?.double("extra") == 1.5)
        #expect(try db.run("UPDATE t SET name = name WHERE name = 'c'") == 1, "an UPDATE counts the rows it matched")
    }

    @Test func wrongCredentialsAreRefusedWithAnAccessError() throws {
        let server = try MariaDBServer.shared()
        let root = try server.freshDatabase()
        let user = server.freshSchema("u")
        try root.run("CREATE USER '\(user)'@'%' IDENTIFIED BY 'right-password'")
        defer { _ = try? root.run("DROP USER '\(user)'@'%'") }
        var endpoint = server.endpoint
        endpoint.user = user
        endpoint.password = "wrong-password"
        do {
            _ = try MariaDBDatabase(endpoint: endpoint, schema: server.freshSchema())
            Issue.record("a wrong password was accepted")
        } catch let error as MariaDBError {
            #expect(error.isAccessDenied, "\(error)")
            #expect(!error.description.contains("wrong-password"))
        }
    }

    @Test func aServerThatRestartsGivesErrorsMeanwhileAndIsUsedAgainAfter() throws {
        let server = try MariaDBServer()
        defer { server.stop() }
        let db = try server.freshDatabase(maximumConnections: 4)
        try db.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT)")
        try db.run("INSERT INTO t (id, name) VALUES (1, 'before')")

        server.stopServer()
        for _ in 0..<3 {
            do {
                _ = try db.query("SELECT * FROM t")
                Issue.record("a query succeeded with the server down")
            } catch let error as MariaDBError {
                #expect(error.isUnavailable, "\(error)")
            }
        }
        try server.start()
        // The first statement may still meet a connection cut by the restart; the next ones connect anew.
        _ = try? db.query("SELECT 1")
        try db.run("INSERT INTO t (id, name) VALUES (2, 'after')")
        #expect(try db.query("SELECT name FROM t ORDER BY id").map { $0.string("name") } == ["before", "after"])
    }
}

/// A counter threads may add to.
final class LockedCount: @unchecked Sendable {
    private let lock = NSLock()
    private var count = 0
    func add() { lock.lock(); count += 1; lock.unlock() }
    var value: Int { lock.lock(); defer { lock.unlock() }; return count }
}
