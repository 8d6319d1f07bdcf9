import Foundation

/// The `Encoder` behind `SortedJSONEncoder`: turns one value into a `JSONNode`.
final class JSONTreeEncoder: Encoder {
    let codingPath: [CodingKey]
    var userInfo: [CodingUserInfoKey: Any] { [:] }
    /// What the value wrote; nil until it writes something.
    var node: JSONNode?

    init(codingPath: [CodingKey]) { self.codingPath = codingPath }

    /// The node for `value`: plain values directly, others through their `encode(to:)`.
    /// The path is `parentPath` plus `key`, put together only for a value that
    /// writes through its own `encode(to:)`.
    static func node<T: Encodable>(for value: T, parentPath: [CodingKey], key: CodingKey?) throws -> JSONNode {
        // Comparing types is cheap; a dynamic cast per value is what makes Foundation's encoder slow.
        if T.self == String.self, let text = value as? String { return .string(text) }
        if T.self == Int.self, let number = value as? Int { return .signed(Int64(number)) }
        if T.self == Bool.self, let flag = value as? Bool { return .bool(flag) }
        if leftToFoundation.contains(where: { $0 == T.self }) { throw SortedJSONEncoder.Unsupported() }
        let encoder = JSONTreeEncoder(codingPath: key.map { parentPath + [$0] } ?? parentPath)
        try value.encode(to: encoder)
        // A value that writes nothing is an empty object, as Foundation writes it.
        return encoder.node ?? .object(JSONObjectBox())
    }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        let box: JSONObjectBox
        if case .object(let existing)? = node {
            box = existing
        } else {
            box = JSONObjectBox()
            box.fields.reserveCapacity(8)
            node = .object(box)
        }
        return KeyedEncodingContainer(JSONTreeKeyedContainer<Key>(box: box, codingPath: codingPath))
    }

    func unkeyedContainer() -> UnkeyedEncodingContainer {
        let box: JSONArrayBox
        if case .array(let existing)? = node {
            box = existing
        } else {
            box = JSONArrayBox()
            box.items.reserveCapacity(8)
            node = .array(box)
        }
        return JSONTreeUnkeyedContainer(box: box, codingPath: codingPath)
    }

    func singleValueContainer() -> SingleValueEncodingContainer { JSONTreeSingleValue(encoder: self) }
}

/// Types Foundation's `JSONEncoder` writes in a way of its own (numbers with
/// fractions, dates, data as base64, URLs as text): `SortedJSONEncoder` leaves them to it.
private let leftToFoundation: [Any.Type] = [Double.self, Float.self, Date.self, Data.self, URL.self, Decimal.self]

private struct JSONTreeKeyedContainer<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let box: JSONObjectBox
    let codingPath: [CodingKey]

    mutating func encodeNil(forKey key: Key) throws { box.set(key.stringValue, .null) }
    mutating func encode(_ value: Bool, forKey key: Key) throws { box.set(key.stringValue, .bool(value)) }
    mutating func encode(_ value: String, forKey key: Key) throws { box.set(key.stringValue, .string(value)) }
    mutating func encode(_ value: Int, forKey key: Key) throws { box.set(key.stringValue, .signed(Int64(value))) }
    mutating func encode(_ value: Int8, forKey key: Key) throws { box.set(key.stringValue, .signed(Int64(value))) }
    mutating func encode(_ value: Int16, forKey key: Key) throws { box.set(key.stringValue, .signed(Int64(value))) }
    mutating func encode(_ value: Int32, forKey key: Key) throws { box.set(key.stringValue, .signed(Int64(value))) }
    mutating func encode(_ value: Int64, forKey key: Key) throws { box.set(key.stringValue, .signed(value)) }
    mutating func encode(_ value: UInt, forKey key: Key) throws { box.set(key.stringValue, .unsigned(UInt64(value))) }
    mutating func encode(_ value: UInt8, forKey key: Key) throws { box.set(key.stringValue, .unsigned(UInt64(value))) }
    mutating func encode(_ value: UInt16, forKey key: Key) throws { box.set(key.stringValue, .unsigned(UInt64(value))) }
    mutating func encode(_ value: UInt32, forKey key: Key) throws { box.set(key.stringValue, .unsigned(UInt64(value))) }
    mutating func encode(_ value: UInt64, forKey key: Key) throws { box.set(key.stringValue, .unsigned(value)) }
    mutating func encode(_ value: Double, forKey key: Key) throws { throw SortedJSONEncoder.Unsupported() }
    mutating func encode(_ value: Float, forKey key: Key) throws { throw SortedJSONEncoder.Unsupported() }

    mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
        box.set(key.stringValue, try JSONTreeEncoder.node(for: value, parentPath: codingPath, key: key))
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type,
                                                        forKey key: Key) -> KeyedEncodingContainer<NestedKey> {
        let nested = JSONObjectBox()
        box.set(key.stringValue, .object(nested))
        return KeyedEncodingContainer(JSONTreeKeyedContainer<NestedKey>(box: nested, codingPath: codingPath + [key]))
    }

    mutating func nestedUnkeyedContainer(forKey key: Key) -> UnkeyedEncodingContainer {
        let nested = JSONArrayBox()
        box.set(key.stringValue, .array(nested))
        return JSONTreeUnkeyedContainer(box: nested, codingPath: codingPath + [key])
    }

    mutating func superEncoder() -> Encoder { superEncoder(named: "super") }

    mutating func superEncoder(forKey key: Key) -> Encoder { superEncoder(named: key.stringValue) }

    private func superEncoder(named name: String) -> Encoder {
        let encoder = JSONTreeEncoder(codingPath: codingPath)
        box.set(name, .pending(encoder))
        return encoder
    }
}

private struct JSONTreeUnkeyedContainer: UnkeyedEncodingContainer {
    let box: JSONArrayBox
    let codingPath: [CodingKey]
    var count: Int { box.items.count }

    mutating func encodeNil() throws { box.items.append(.null) }
    mutating func encode(_ value: Bool) throws { box.items.append(.bool(value)) }
    mutating func encode(_ value: String) throws { box.items.append(.string(value)) }
    mutating func encode(_ value: Int) throws { box.items.append(.signed(Int64(value))) }
    mutating func encode(_ value: Int64) throws { box.items.append(.signed(value)) }
    mutating func encode(_ value: UInt64) throws { box.items.append(.unsigned(value)) }
    mutating func encode(_ value: Double) throws { throw SortedJSONEncoder.Unsupported() }
    mutating func encode(_ value: Float) throws { throw SortedJSONEncoder.Unsupported() }

    mutating func encode<T: Encodable>(_ value: T) throws {
        box.items.append(try JSONTreeEncoder.node(for: value, parentPath: codingPath,
                                                       key: JSONIndexKey(box.items.count)))
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
        let nested = JSONObjectBox()
        let path = codingPath + [JSONIndexKey(box.items.count)]
        box.items.append(.object(nested))
        return KeyedEncodingContainer(JSONTreeKeyedContainer<NestedKey>(box: nested, codingPath: path))
    }

    mutating func nestedUnkeyedContainer() -> UnkeyedEncodingContainer {
        let nested = JSONArrayBox()
        let path = codingPath + [JSONIndexKey(box.items.count)]
        box.items.append(.array(nested))
        return JSONTreeUnkeyedContainer(box: nested, codingPath: path)
    }

    mutating func superEncoder() -> Encoder {
        let encoder = JSONTreeEncoder(codingPath: codingPath + [JSONIndexKey(box.items.count)])
        box.items.append(.pending(encoder))
        return encoder
    }
}

private struct JSONTreeSingleValue: SingleValueEncodingContainer {
    let encoder: JSONTreeEncoder
    var codingPath: [CodingKey] { encoder.codingPath }

    mutating func encodeNil() throws { encoder.node = .null }
    mutating func encode(_ value: Bool) throws { encoder.node = .bool(value) }
    mutating func encode(_ value: String) throws { encoder.node = .string(value) }
    mutating func encode(_ value: Int) throws { encoder.node = .signed(Int64(value)) }
    mutating func encode(_ value: Int8) throws { encoder.node = .signed(Int64(value)) }
    mutating func encode(_ value: Int16) throws { encoder.node = .signed(Int64(value)) }
    mutating func encode(_ value: Int32) throws { encoder.node = .signed(Int64(value)) }
    mutating func encode(_ value: Int64) throws { encoder.node = .signed(value) }
    mutating func encode(_ value: UInt) throws { encoder.node = .unsigned(UInt64(value)) }
    mutating func encode(_ value: UInt8) throws { encoder.node = .unsigned(UInt64(value)) }
    mutating func encode(_ value: UInt16) throws { encoder.node = .unsigned(UInt64(value)) }
    mutating func encode(_ value: UInt32) throws { encoder.node = .unsigned(UInt64(value)) }
    mutating func encode(_ value: UInt64) throws { encoder.node = .unsigned(value) }
    mutating func encode(_ value: Double) throws { throw SortedJSONEncoder.Unsupported() }
    mutating func encode(_ value: Float) throws { throw SortedJSONEncoder.Unsupported() }

    mutating func encode<T: Encodable>(_ value: T) throws {
        encoder.node = try JSONTreeEncoder.node(for: value, parentPath: codingPath, key: nil)
    }
}

/// An array position in a coding path.
private struct JSONIndexKey: CodingKey {
    let intValue: Int?
    var stringValue: String { "Index \(intValue ?? 0)" }
    init(_ index: Int) { intValue = index }
    init?(stringValue: String) { return nil }
    init?(intValue: Int) { self.intValue = intValue }
}
