import Foundation

/// A store that keeps its data in one SQLite file of the shop's data directory,
/// creating its tables in `init(database:)`.
public protocol DataDirectoryStore {
    /// The file's name inside the data directory, e.g. `orders.sqlite`.
    static var fileName: String { get }
    init(database: SQLDatabase) throws
}

extension DataDirectoryStore {
    /// Opens (or creates) the store's file in `dataDirectory`.
    public init(dataDirectory: URL) throws {
        try self.init(database: SQLiteDatabase(url: dataDirectory.appendingPathComponent(Self.fileName)))
    }
}
