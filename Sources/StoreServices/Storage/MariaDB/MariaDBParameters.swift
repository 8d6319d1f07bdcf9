import Foundation
import CMariaDB

/// The bound values of one statement execution, as MYSQL_BIND records whose
/// buffers stay allocated until `deallocate()`. Text and bytes are bound with
/// their length, so a NUL inside cannot cut them short.
final class MariaDBParameters {
    let binds: UnsafeMutablePointer<MYSQL_BIND>
    private let count: Int
    private var buffers: [UnsafeMutableRawPointer] = []

    init(_ values: [SQLValue]) {
        count = values.count
        binds = .allocate(capacity: max(1, count))
        binds.initialize(repeating: MYSQL_BIND(), count: max(1, count))
        for (index, value) in values.enumerated() {
            switch value {
            case .null:
                binds[index].buffer_type = MYSQL_TYPE_NULL
            case .integer(let number):
                binds[index].buffer_type = MYSQL_TYPE_LONGLONG
                binds[index].buffer = copy(of: number)
            case .real(let number):
                binds[index].buffer_type = MYSQL_TYPE_DOUBLE
                binds[index].buffer = copy(of: number)
            case .text(let text):
                binds[index].buffer_type = MYSQL_TYPE_STRING
                bindBytes(Array(text.utf8), at: index)
            case .blob(let data):
                binds[index].buffer_type = MYSQL_TYPE_BLOB
                bindBytes([UInt8](data), at: index)
            }
        }
    }

    func deallocate() {
        buffers.forEach { $0.deallocate() }
        binds.deinitialize(count: max(1, count))
        binds.deallocate()
    }

    private func copy<T>(of value: T) -> UnsafeMutableRawPointer {
        let buffer = UnsafeMutableRawPointer.allocate(byteCount: MemoryLayout<T>.size, alignment: MemoryLayout<T>.alignment)
        buffer.storeBytes(of: value, as: T.self)
        buffers.append(buffer)
        return buffer
    }

    private func bindBytes(_ bytes: [UInt8], at index: Int) {
        // At least one byte, so an empty value still has a valid pointer; its length stays 0.
        let buffer = UnsafeMutableRawPointer.allocate(byteCount: max(1, bytes.count), alignment: 1)
        bytes.withUnsafeBytes { source in
            if let base = source.baseAddress { buffer.copyMemory(from: base, byteCount: bytes.count) }
        }
        buffers.append(buffer)
        binds[index].buffer = buffer
        binds[index].buffer_length = UInt(bytes.count)
    }
}
