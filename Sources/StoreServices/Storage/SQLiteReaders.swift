import Foundation
import CSQLite

/// A few read-only connections to one database file, each used by one thread
/// at a time, opened as they are first needed.
final class SQLiteReaders: @unchecked Sendable {
    private final class Reader {
        let lock = NSLock()
        var connection: SQLiteConnection?
    }

    private let path: String
    private let busyTimeoutMilliseconds: Int32
    private let readers: [Reader]
    private let state = NSLock()
    private var closed = false
    private var next = 0

    /// How much of the file a reader maps into memory (SQLite's largest by
    /// default): a page the system has cached is read in place rather than
    /// copied into each connection's own 2 MB cache, which a large
    /// catalogue's searches and deep pages kept evicting and reading again.
    static let mappedBytes = 0x7fff0000

    /// Two per core, as many as the threads that serve requests by default.
    init(path: String, busyTimeoutMilliseconds: Int32,
         count: Int = 2 * max(1, ProcessInfo.processInfo.activeProcessorCount)) {
        self.path = path
        self.busyTimeoutMilliseconds = busyTimeoutMilliseconds
        readers = (0..<max(1, count)).map { _ in Reader() }
    }

    var isClosed: Bool { state.lock(); defer { state.unlock() }; return closed }

    /// Steps through the query's rows on a reader (see `SQLiteConnection.forEachRow`); false when
    /// the statement would write (the writer must run it).
    func forEachRow(_ sql: String, arguments: [SQLBindable?], _ body: (SQLiteStatement) throws -> Void) throws -> Bool {
        let reader = take()
        defer { reader.lock.unlock() }
        if reader.connection == nil {
            guard !isClosed else { return false }
            reader.connection = try SQLiteConnection(path: path, flags: SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX,
                                                     busyTimeoutMilliseconds: busyTimeoutMilliseconds)
            reader.connection.map { sqlite3_exec($0.handle, "PRAGMA mmap_size = \(Self.mappedBytes)", nil, nil, nil) }
        }
        return try reader.connection?.forEachRow(sql, arguments: arguments, readOnly: true, body) ?? false
    }

    /// A free reader, locked; when all are busy, waits for the next in turn.
    private func take() -> Reader {
        for reader in readers where reader.lock.try() { return reader }
        state.lock()
        let reader = readers[next % readers.count]
        next &+= 1
        state.unlock()
        reader.lock.lock()
        return reader
    }

    func close() {
        state.lock()
        closed = true
        state.unlock()
        for reader in readers {
            reader.lock.lock()
            reader.connection?.close()
            reader.connection = nil
            reader.lock.unlock()
        }
    }
}
