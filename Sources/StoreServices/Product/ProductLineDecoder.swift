import Foundation
import StoreWire

/// Reads a line of an import in the `Product` shape straight from its bytes,
/// five times faster than `JSONDecoder` (which took a quarter of an import's
/// time). It takes only what it is sure of — the eight fields once each, text
/// that is valid UTF-8, whole numbers — and gives nil for anything else, which
/// `JSONDecoder` then reads, so that a line means the same either way and a
/// bad line is described by the decoder's error.
final class ProductLineDecoder {
    private let bytes: UnsafeRawBufferPointer
    private var at = 0

    static func decode(_ line: Data) -> Product? {
        line.withUnsafeBytes { bytes in
            let decoder = ProductLineDecoder(bytes: bytes)
            return decoder.product()
        }
    }

    private init(bytes: UnsafeRawBufferPointer) { self.bytes = bytes }

    private func product() -> Product? {
        var id, name, description, category: String?
        var kind: ProductKind?
        var price: Money?
        var stock: Int?
        var attributes: [ProductAttribute]?
        let complete = object { key in
            switch key {
            case "id" where id == nil: id = string(); return id != nil
            case "name" where name == nil: name = string(); return name != nil
            case "description" where description == nil: description = string(); return description != nil
            case "category" where category == nil: category = string(); return category != nil
            case "kind" where kind == nil: kind = string().flatMap(ProductKind.init(rawValue:)); return kind != nil
            case "price" where price == nil: price = money(); return price != nil
            case "stock" where stock == nil: stock = integer(); return stock != nil
            case "attributes" where attributes == nil: attributes = attributeList(); return attributes != nil
            default: return false
            }
        }
        skipSpace()
        guard complete, at == bytes.count, let id, let name, let description, let category, let kind, let price,
              let stock, let attributes else { return nil }
        return Product(id: id, name: name, description: description, category: category, kind: kind,
                       price: price, stock: stock, attributes: attributes)
    }

    private func money() -> Money? {
        var amount: Int?
        var currency: String?
        let complete = object { key in
            switch key {
            case "amount" where amount == nil: amount = integer(); return amount != nil
            case "currency" where currency == nil: currency = string(); return currency != nil
            default: return false
            }
        }
        guard complete, let amount, let currency else { return nil }
        return Money(amount, currency)
    }

    private func attributeList() -> [ProductAttribute]? {
        guard take(UInt8(ascii: "[")) else { return nil }
        var list: [ProductAttribute] = []
        if take(UInt8(ascii: "]")) { return list }
        repeat {
            var name: String?
            var value: String?
            let complete = object { key in
                switch key {
                case "name" where name == nil: name = string(); return name != nil
                case "value" where value == nil: value = string(); return value != nil
                default: return false
                }
            }
            guard complete, let name, let value else { return nil }
            list.append(ProductAttribute(name, value))
        } while take(UInt8(ascii: ","))
        return take(UInt8(ascii: "]")) ? list : nil
    }

    /// Reads `{ "key": value, … }`, `member` reading each value; false when anything is not as expected.
    private func object(_ member: (String) -> Bool) -> Bool {
        guard take(UInt8(ascii: "{")) else { return false }
        if take(UInt8(ascii: "}")) { return true }
        repeat {
            skipSpace()
            guard let key = string(), take(UInt8(ascii: ":")) else { return false }
            skipSpace()
            guard member(key) else { return false }
        } while take(UInt8(ascii: ","))
        return take(UInt8(ascii: "}"))
    }

    private func string() -> String? {
        guard at < bytes.count, bytes[at] == UInt8(ascii: "\"") else { return nil }
        at += 1
        let start = at
        while at < bytes.count {
            let byte = bytes[at]
            if byte == UInt8(ascii: "\"") {
                let text = String(validating: UnsafeRawBufferPointer(rebasing: bytes[start..<at]), as: UTF8.self)
                at += 1
                return text
            }
            // Escapes and control characters are left to JSONDecoder.
            guard byte != UInt8(ascii: "\\"), byte >= 0x20 else { return nil }
            at += 1
        }
        return nil
    }

    /// A whole number as JSON writes it: no fraction, exponent or leading zero.
    private func integer() -> Int? {
        let negative = take(UInt8(ascii: "-"), skippingSpace: false)
        let start = at
        var value = 0
        while at < bytes.count, (0x30...0x39).contains(bytes[at]) {
            let (times10, overflow) = value.multipliedReportingOverflow(by: 10)
            let (sum, overflow2) = times10.addingReportingOverflow(Int(bytes[at] - 0x30))
            guard !overflow, !overflow2 else { return nil }
            value = sum
            at += 1
        }
        let digits = at - start
        guard digits > 0, digits == 1 || bytes[start] != 0x30 else { return nil }
        if at < bytes.count, [UInt8(ascii: "."), UInt8(ascii: "e"), UInt8(ascii: "E")].contains(bytes[at]) { return nil }
        return negative ? -value : value
    }

    private func take(_ byte: UInt8, skippingSpace: Bool = true) -> Bool {
        if skippingSpace { skipSpace() }
        guard at < bytes.count, bytes[at] == byte else { return false }
        at += 1
        return true
    }

    private func skipSpace() {
        while at < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[at]) { at += 1 }
    }
}
