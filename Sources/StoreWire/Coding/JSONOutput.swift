/// JSON written piece by piece for an answer that is written often (a
/// product, a page of them), in the very bytes `SortedJSONEncoder` writes:
/// the caller writes the keys in sorted order, the strings and numbers are
/// spelled here as the encoder spells them.
public struct JSONOutput {
    public private(set) var bytes: [UInt8] = []

    public init(capacity: Int = 512) { bytes.reserveCapacity(capacity) }

    /// Text that is JSON already, such as punctuation and keys: `{"id":`.
    public mutating func raw(_ json: StaticString) {
        json.withUTF8Buffer { bytes.append(contentsOf: $0) }
    }

    /// JSON written before by a `JSONOutput`, such as a kept part of an answer.
    public mutating func append(json: [UInt8]) { bytes.append(contentsOf: json) }

    public mutating func string(_ text: String) { JSONNode.writeString(text, into: &bytes) }

    public mutating func integer(_ value: Int) { JSONNode.signed(Int64(value)).write(into: &bytes) }

    public mutating func value<T: Encodable>(_ value: T) throws {
        bytes.append(contentsOf: try SortedJSONEncoder().encode(value))
    }

    /// Appends `json` unchanged when it is an array of objects of string fields
    /// in the bytes the encoder would write for it (`[{"name":"…","value":"…"}]`:
    /// keys sorted, no spaces, strings escaped as `string(_:)` escapes them);
    /// otherwise appends nothing and returns false, and the caller decodes it.
    public mutating func appendIfCanonical(objectsOfStrings json: String, keys: [StaticString]) -> Bool {
        var json = json
        let canonical = json.withUTF8 { text in
            var scan = JSONCanonicalScan(bytes: text)
            return scan.isArrayOfObjects(keys: keys)
        }
        if canonical { json.withUTF8 { bytes.append(contentsOf: $0) } }
        return canonical
    }
}

/// Reads JSON text to tell whether `SortedJSONEncoder` would write the value
/// it holds in these very bytes.
private struct JSONCanonicalScan {
    let bytes: UnsafeBufferPointer<UInt8>
    var position = 0

    init(bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

    mutating func isArrayOfObjects(keys: [StaticString]) -> Bool {
        guard take(UInt8(ascii: "[")) else { return false }
        if take(UInt8(ascii: "]")) { return position == bytes.count }
        repeat {
            guard take(UInt8(ascii: "{")) else { return false }
            for (index, key) in keys.enumerated() {
                guard (index == 0 || take(UInt8(ascii: ","))), takeKey(key), take(UInt8(ascii: ":")),
                      takeString() else { return false }
            }
            guard take(UInt8(ascii: "}")) else { return false }
        } while take(UInt8(ascii: ","))
        return take(UInt8(ascii: "]")) && position == bytes.count
    }

    private mutating func take(_ byte: UInt8) -> Bool {
        guard position < bytes.count, bytes[position] == byte else { return false }
        position += 1
        return true
    }

    /// `"key"`, exactly.
    private mutating func takeKey(_ key: StaticString) -> Bool {
        guard take(UInt8(ascii: "\"")) else { return false }
        let matches = key.withUTF8Buffer { name in
            guard bytes.count - position >= name.count else { return false }
            for (offset, byte) in name.enumerated() where bytes[position + offset] != byte { return false }
            position += name.count
            return true
        }
        return matches && take(UInt8(ascii: "\""))
    }

    /// A string escaped as `JSONNode.writeString` escapes it: only quotes,
    /// backslashes and control characters, each in its one spelling.
    private mutating func takeString() -> Bool {
        guard take(UInt8(ascii: "\"")) else { return false }
        while position < bytes.count {
            let byte = bytes[position]
            position += 1
            switch byte {
            case UInt8(ascii: "\""):
                return true
            case UInt8(ascii: "\\"):
                guard position < bytes.count else { return false }
                let escaped = bytes[position]
                position += 1
                switch escaped {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "b"), UInt8(ascii: "f"),
                     UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "t"):
                    continue
                case UInt8(ascii: "u"):
                    guard takeControlCode() else { return false }
                default:
                    return false
                }
            case 0..<0x20:
                return false
            default:
                continue
            }
        }
        return false
    }

    /// `00XX` in lower-case hex for a control character that has no short escape.
    private mutating func takeControlCode() -> Bool {
        guard bytes.count - position >= 4, bytes[position] == UInt8(ascii: "0"), bytes[position + 1] == UInt8(ascii: "0"),
              let high = Self.hexValue(bytes[position + 2]), high <= 1,
              let low = Self.hexValue(bytes[position + 3]) else { return false }
        position += 4
        let code = high << 4 | low
        let hasShortEscape = [0x08, 0x09, 0x0A, 0x0C, 0x0D].contains(code)
        return !hasShortEscape
    }

    /// A lower-case hex digit's value, nil for anything else.
    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return byte - UInt8(ascii: "a") + 10
        default: return nil
        }
    }
}
