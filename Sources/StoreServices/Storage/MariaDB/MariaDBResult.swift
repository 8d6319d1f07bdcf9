import Foundation
import CMariaDB

/// The output buffers of one result set, read row by row into `SQLRow`s.
/// Integers come back as `.integer`, floating point as `.real`, binary
/// columns as `.blob` and everything else (text, DECIMAL, dates) as `.text`.
final class MariaDBResult {
    private enum Kind { case integer, real, text, bytes }

    let binds: UnsafeMutablePointer<MYSQL_BIND>
    private let names: [String]
    private let kinds: [Kind]
    private let lengths: UnsafeMutablePointer<UInt>
    private let nulls: UnsafeMutablePointer<my_bool>
    private let truncations: UnsafeMutablePointer<my_bool>
    private var buffers: [UnsafeMutableRawPointer] = []
    /// Bytes first fetched of a text; a longer one is fetched again in full.
    private static let textBuffer = 1024
    /// MariaDB's charset number for binary data (BLOB, VARBINARY).
    private static let binaryCharset: UInt32 = 63

    init(metadata: UnsafeMutablePointer<MYSQL_RES>) {
        let count = Int(mysql_num_fields(metadata))
        let capacity = max(1, count)
        binds = .allocate(capacity: capacity)
        binds.initialize(repeating: MYSQL_BIND(), count: capacity)
        lengths = .allocate(capacity: capacity)
        lengths.initialize(repeating: 0, count: capacity)
        nulls = .allocate(capacity: capacity)
        nulls.initialize(repeating: 0, count: capacity)
        truncations = .allocate(capacity: capacity)
        truncations.initialize(repeating: 0, count: capacity)
        var names: [String] = []
        var kinds: [Kind] = []
        let fields = mysql_fetch_fields(metadata)
        for index in 0..<count {
            guard let field = fields?[index] else { continue }
            names.append(field.name.map { String(cString: $0) } ?? "")
            let kind = Self.kind(of: field)
            kinds.append(kind)
            let size: Int
            switch kind {
            case .integer:
                binds[index].buffer_type = MYSQL_TYPE_LONGLONG
                binds[index].is_unsigned = (field.flags & UInt32(UNSIGNED_FLAG)) != 0 ? 1 : 0
                size = 8
            case .real:
                binds[index].buffer_type = MYSQL_TYPE_DOUBLE
                size = 8
            case .text, .bytes:
                binds[index].buffer_type = kind == .text ? MYSQL_TYPE_STRING : MYSQL_TYPE_BLOB
                size = Self.textBuffer
            }
            let buffer = UnsafeMutableRawPointer.allocate(byteCount: size, alignment: 8)
            buffers.append(buffer)
            binds[index].buffer = buffer
            binds[index].buffer_length = UInt(size)
            binds[index].length = lengths + index
            binds[index].is_null = nulls + index
            binds[index].error = truncations + index
        }
        self.names = names
        self.kinds = kinds
    }

    func deallocate() {
        buffers.forEach { $0.deallocate() }
        let capacity = max(1, names.count)
        binds.deinitialize(count: capacity)
        binds.deallocate()
        lengths.deallocate()
        nulls.deallocate()
        truncations.deallocate()
    }

    /// The row just fetched into the buffers.
    func row(of statement: UnsafeMutablePointer<MYSQL_STMT>, sql: String) throws -> SQLRow {
        var values: [SQLValue] = []
        values.reserveCapacity(kinds.count)
        for (index, kind) in kinds.enumerated() {
            if nulls[index] != 0 {
                values.append(.null)
                continue
            }
            switch kind {
            case .integer:
                let raw = binds[index].buffer.load(as: Int64.self)
                values.append(binds[index].is_unsigned != 0 && raw < 0 ? .real(Double(UInt64(bitPattern: raw))) : .integer(raw))
            case .real:
                values.append(.real(binds[index].buffer.load(as: Double.self)))
            case .text, .bytes:
                let bytes = try self.bytes(at: index, of: statement, sql: sql)
                values.append(kind == .text ? .text(String(decoding: bytes, as: UTF8.self)) : .blob(Data(bytes)))
            }
        }
        return SQLRow(columns: names, values: values)
    }

    private func bytes(at index: Int, of statement: UnsafeMutablePointer<MYSQL_STMT>, sql: String) throws -> [UInt8] {
        let length = Int(lengths[index])
        if length <= Int(binds[index].buffer_length) {
            return Array(UnsafeRawBufferPointer(start: binds[index].buffer, count: length))
        }
        // Longer than the first buffer: fetch this column again, whole.
        var whole = [UInt8](repeating: 0, count: length)
        var wholeLength: UInt = 0
        let status = whole.withUnsafeMutableBytes { target -> Int32 in
            var bind = MYSQL_BIND()
            bind.buffer_type = binds[index].buffer_type
            bind.buffer = target.baseAddress
            bind.buffer_length = UInt(length)
            return withUnsafeMutablePointer(to: &wholeLength) { lengthPointer in
                bind.length = lengthPointer
                return mysql_stmt_fetch_column(statement, &bind, UInt32(index), 0)
            }
        }
        guard status == 0 else { throw MariaDBConnection.error(of: statement, sql: sql) }
        return Array(whole.prefix(Int(wholeLength)))
    }

    private static func kind(of field: MYSQL_FIELD) -> Kind {
        switch field.type {
        case MYSQL_TYPE_TINY, MYSQL_TYPE_SHORT, MYSQL_TYPE_LONG, MYSQL_TYPE_LONGLONG, MYSQL_TYPE_INT24, MYSQL_TYPE_YEAR:
            return .integer
        case MYSQL_TYPE_FLOAT, MYSQL_TYPE_DOUBLE:
            return .real
        case MYSQL_TYPE_TINY_BLOB, MYSQL_TYPE_MEDIUM_BLOB, MYSQL_TYPE_LONG_BLOB, MYSQL_TYPE_BLOB,
             MYSQL_TYPE_VAR_STRING, MYSQL_TYPE_STRING, MYSQL_TYPE_VARCHAR:
            return field.charsetnr == binaryCharset ? .bytes : .text
        default:
            return .text
        }
    }
}
