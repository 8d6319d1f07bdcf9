import Foundation

/// One result row of any `SQLDatabase`, read by column name (or index).
/// Typed getters convert the way SQLite does: a NULL reads as 0, "" or empty
/// data, and a number stored as text (MariaDB's DECIMAL sums) reads as a number.
public struct SQLRow: Sendable {
    public let columns: [String]
    public let values: [SQLValue]

    public init(columns: [String], values: [SQLValue]) {
        self.columns = columns
        self.values = values
    }

    public subscript(_ column: String) -> SQLValue {
        guard let index = columns.firstIndex(of: column) else { return .null }
        return values[index]
    }

    public subscript(_ index: Int) -> SQLValue { values[index] }

    public func int(_ column: String) -> Int { Int(int64(column)) }

    public func int64(_ column: String) -> Int64 {
        switch self[column] {
        case .integer(let value): return value
        case .real(let value): return Int64(exactly: value.rounded(.towardZero)) ?? 0
        case .text(let text): return Int64(text) ?? 0
        case .null, .blob: return 0
        }
    }

    public func double(_ column: String) -> Double {
        switch self[column] {
        case .integer(let value): return Double(value)
        case .real(let value): return value
        case .text(let text): return Double(text) ?? 0
        case .null, .blob: return 0
        }
    }

    public func bool(_ column: String) -> Bool { int64(column) != 0 }

    public func string(_ column: String) -> String { optionalString(column) ?? "" }

    public func optionalString(_ column: String) -> String? {
        switch self[column] {
        case .text(let text): return text
        case .integer(let value): return String(value)
        case .real(let value): return String(value)
        case .blob(let data): return String(decoding: data, as: UTF8.self)
        case .null: return nil
        }
    }

    public func optionalInt(_ column: String) -> Int? {
        if case .null = self[column] { return nil }
        return int(column)
    }

    public func optionalDouble(_ column: String) -> Double? {
        if case .null = self[column] { return nil }
        return double(column)
    }

    public func data(_ column: String) -> Data {
        switch self[column] {
        case .blob(let data): return data
        case .text(let text): return Data(text.utf8)
        default: return Data()
        }
    }

    public func isNull(_ column: String) -> Bool {
        if case .null = self[column] { return true }
        return false
    }
}
