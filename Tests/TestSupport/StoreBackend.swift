import Foundation
import StoreServices

/// The database implementations every store's contract tests run against.
/// `open()` makes a new, empty database; `reopen()` a second handle (its own
/// connections) to the same one, as a second instance of a service would have.
public enum StoreBackend: String, CaseIterable, Sendable, CustomStringConvertible {
    case sqlite
    case mariadb

    public var description: String { rawValue }

    public struct Opened {
        public let database: SQLDatabase
        /// A second handle to the same database, with connections of its own.
        public let reopen: () throws -> SQLDatabase
        /// Removes what the database left behind (the SQLite file's folder).
        public let cleanUp: () -> Void
    }

    public func open() throws -> Opened {
        switch self {
        case .sqlite:
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("store-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            let file = folder.appendingPathComponent("store.sqlite")
            return Opened(database: try SQLiteDatabase(url: file), reopen: { try SQLiteDatabase(url: file) },
                          cleanUp: { try? FileManager.default.removeItem(at: folder) })
        case .mariadb:
            let server = try MariaDBServer.shared()
            let schema = server.freshSchema()
            let database = try MariaDBDatabase(endpoint: server.endpoint, schema: schema)
            return Opened(database: database, reopen: { try MariaDBDatabase(endpoint: server.endpoint, schema: schema) },
                          cleanUp: { _ = try? database.run("DROP DATABASE `\(schema)`") })
        }
    }
}
