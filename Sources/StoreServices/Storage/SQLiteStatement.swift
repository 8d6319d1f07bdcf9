import Foundation
import CSQLite

/// SQLite's SQLITE_TRANSIENT: "copy the bound bytes now". The C macro does not import.
private let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

/// A prepared statement. Bind with 1-based indexes, step, read 0-based columns.
/// Use it inside `SQLiteDatabase.withConnection` or `transaction` so no other
/// thread uses the connection between steps.
public final class SQLiteStatement {
    private var handle: OpaquePointer?
    private let connection: OpaquePointer
    public let sql: String

    init(connection: OpaquePointer, sql: String) throws {
        self.connection = connection
        self.sql = sql
        let result = sqlite3_prepare_v2(connection, sql, -1, &handle, nil)
        guard result == SQLITE_OK else {
            throw SQLiteError(code: result, message: String(cString: sqlite3_errmsg(connection)), sql: sql)
        }
    }

    deinit { sqlite3_finalize(handle) }

    /// Binds values to `?1`, `?2`, … in order.
    public func bind(_ values: [SQLBindable?]) throws {
        for (offset, value) in values.enumerated() {
            try bind(value?.sqlValue ?? .null, at: Int32(offset + 1))
        }
    }

    public func bind(_ value: SQLValue, at index: Int32) throws {
        let result: Int32
        switch value {
        case .null: result = sqlite3_bind_null(handle, index)
        case .integer(let number): result = sqlite3_bind_int64(handle, index, number)
        case .real(let number): result = sqlite3_bind_double(handle, index, number)
        case .text(let text):
            // Bound with its byte length, never as a C string: a NUL inside the text cannot cut it short.
            // Straight from the string's own bytes when it keeps them in one piece (SQLite copies them
            // at once), instead of through an array made for each value.
            let bound = text.utf8.withContiguousStorageIfAvailable { buffer -> Int32? in
                guard let base = buffer.baseAddress, !buffer.isEmpty else { return nil }
                return base.withMemoryRebound(to: CChar.self, capacity: buffer.count) {
                    sqlite3_bind_text64(handle, index, $0, UInt64(buffer.count), transient, UInt8(SQLITE_UTF8))
                }
            }
            if let bound = bound ?? nil {
                result = bound
            } else {
                var bytes = Array(text.utf8)
                let length = UInt64(bytes.count)
                if bytes.isEmpty { bytes = [0] }   // a valid pointer for the empty string; the length stays 0
                result = bytes.withUnsafeBufferPointer { buffer in
                    buffer.withMemoryRebound(to: CChar.self) {
                        sqlite3_bind_text64(handle, index, $0.baseAddress, length, transient, UInt8(SQLITE_UTF8))
                    }
                }
            }
        case .blob(let data):
            result = data.withUnsafeBytes { buffer in
                sqlite3_bind_blob64(handle, index, buffer.baseAddress ?? UnsafeRawPointer(bitPattern: 1),
                                    UInt64(buffer.count), transient)
            }
        }
        try check(result)
    }

    /// Advances to the next row: true when there is one, false when done.
    public func step() throws -> Bool {
        let result = sqlite3_step(handle)
        switch result {
        case SQLITE_ROW: return true
        case SQLITE_DONE: return false
        default: throw error(result)
        }
    }

    /// Rewinds to run again, keeping nothing bound.
    public func reset() {
        sqlite3_reset(handle)
        sqlite3_clear_bindings(handle)
    }

    public var columnCount: Int32 { sqlite3_column_count(handle) }

    /// Whether running it leaves the database as it was.
    public var isReadOnly: Bool { sqlite3_stmt_readonly(handle) != 0 }

    public func columnName(_ index: Int32) -> String { String(cString: sqlite3_column_name(handle, index)) }

    public func int64(_ index: Int32) -> Int64 { sqlite3_column_int64(handle, index) }

    public func int(_ index: Int32) -> Int { Int(sqlite3_column_int64(handle, index)) }

    public func double(_ index: Int32) -> Double { sqlite3_column_double(handle, index) }

    public func isNull(_ index: Int32) -> Bool { sqlite3_column_type(handle, index) == SQLITE_NULL }

    /// The column's text, read by its byte length (not up to a NUL).
    public func string(_ index: Int32) -> String? {
        guard let text = sqlite3_column_text(handle, index) else { return nil }
        let count = Int(max(0, sqlite3_column_bytes(handle, index)))
        return String(decoding: UnsafeBufferPointer(start: text, count: count), as: UTF8.self)
    }

    /// The column's text as bytes, without copying them: valid only inside `body`
    /// (SQLite frees them when the statement moves on).
    public func withBytes<T>(_ index: Int32, _ body: (UnsafeBufferPointer<UInt8>) throws -> T) rethrows -> T {
        let text = sqlite3_column_text(handle, index)
        return try body(UnsafeBufferPointer(start: text, count: text == nil ? 0 : Int(max(0, sqlite3_column_bytes(handle, index)))))
    }

    public func data(_ index: Int32) -> Data? {
        guard let bytes = sqlite3_column_blob(handle, index) else { return nil }
        return Data(bytes: bytes, count: Int(max(0, sqlite3_column_bytes(handle, index))))
    }

    /// The current row's column as a value of its storage class.
    public func value(_ index: Int32) -> SQLValue {
        switch sqlite3_column_type(handle, index) {
        case SQLITE_INTEGER: return .integer(int64(index))
        case SQLITE_FLOAT: return .real(double(index))
        case SQLITE_TEXT: return .text(string(index) ?? "")
        case SQLITE_BLOB: return .blob(data(index) ?? Data())
        default: return .null
        }
    }

    /// The current row with every column.
    public func row() -> SQLRow {
        let count = columnCount
        return SQLRow(columns: columnNames(count), values: (0..<count).map(value))
    }

    /// Column names, read once per statement: every row of it shares them.
    /// (Read again if the count changes, as `SELECT *` does after a column is added.)
    private var names: [String] = []
    private func columnNames(_ count: Int32) -> [String] {
        if names.count != Int(count) { names = (0..<count).map(columnName) }
        return names
    }

    private func check(_ result: Int32) throws {
        guard result == SQLITE_OK else { throw error(result) }
    }

    private func error(_ result: Int32) -> SQLiteError {
        SQLiteError(code: sqlite3_extended_errcode(connection), message: String(cString: sqlite3_errmsg(connection)), sql: sql)
    }
}
