import Foundation
import Testing
import StoreWire

/// `JSONOutput` writes products and pages field by field; the bytes must be
/// the ones `SortedJSONEncoder` writes through their `Codable` conformances.
private let oddText = "三体 Zoë \"quoted\" a/b back\\slash\ttab\nline\r\u{8}\u{C}\u{0}\u{1F}\u{7F} é\u{2028}👩‍💻"

private let products = [
    Product(id: "dune-paperback", name: "Dune", description: "Sand/spice, \"the\" classic.\n", category: "BOOKS",
            kind: .physical, price: Money(2499), stock: 12,
            attributes: [ProductAttribute("Author", "Frank Herbert"), ProductAttribute("ISBN", "978-0441013593")]),
    Product(id: "three-body", name: "三体 The Three-Body Problem 🚀", description: "", category: "BOOKS",
            kind: .digital, price: Money(-3299, "EUR"), stock: 0),
    Product(id: "odd", name: oddText, description: oddText, category: "GARDEN_TOOLS", kind: .physical,
            price: Money(Int.max, oddText), stock: Int.min,
            attributes: [ProductAttribute(oddText, oddText), ProductAttribute("", ""), ProductAttribute("Café", "Crème brûlée")]),
]

private func encoded<T: Encodable>(_ value: T) throws -> String {
    String(decoding: try SortedJSONEncoder().encode(value), as: UTF8.self)
}

@Test func productsAndPagesAreWrittenAsTheEncoderWritesThem() throws {
    for product in products {
        var output = JSONOutput()
        output.product(product)
        #expect(String(decoding: output.bytes, as: UTF8.self) == (try encoded(product)))
    }
    for items in [products, [], [products[1]]] {
        var output = JSONOutput()
        output.page(items, total: 1234, limit: 25, offset: 50) { $1.product($0) }
        #expect(String(decoding: output.bytes, as: UTF8.self)
                == (try encoded(ProductPage(items: items, total: 1234, limit: 25, offset: 50))))
    }
}

@Test func cartsAreWrittenAsTheEncoderWritesThem() throws {
    let lines = [
        CartLine(productId: "dune-paperback", name: "Dune", kind: .physical, unitPrice: Money(2499), quantity: 2,
                 lineTotal: Money(4998)),
        CartLine(productId: oddText, name: oddText, kind: .digital, unitPrice: Money(Int.min, oddText), quantity: Int.max,
                 lineTotal: Money(-1, "")),
    ]
    let carts = [
        Cart(id: "c-1", lines: lines, subtotal: Money(4997), tax: Money(652), shipping: Money(500), total: Money(5497),
             itemCount: 3),
        Cart(id: oddText, lines: [], subtotal: Money(0), tax: Money(0), shipping: Money(0), total: Money(0), itemCount: 0),
        Cart(id: "", lines: [lines[1]], subtotal: Money(Int.max, "EUR"), tax: Money(Int.min), shipping: Money(1),
             total: Money(2), itemCount: -7),
    ]
    for cart in carts {
        var output = JSONOutput()
        output.cart(cart)
        #expect(String(decoding: output.bytes, as: UTF8.self) == (try encoded(cart)))
    }
}

@Test func storedAttributesInTheEncodersBytesAreCarriedAsTheyAre() throws {
    for product in products {
        let stored = try encoded(product.attributes)
        var output = JSONOutput()
        let carried = output.attributes(storedJSON: stored)
        #expect(carried && output.bytes == Array(stored.utf8))
    }
}

@Test func storedAttributesInAnyOtherSpellingAreLeftToTheDecoder() {
    let others = [
        "", "[", "]", "[]x", " []", "[{}]", "{}", "null",
        #"[{"name":"a","value":"b"},]"#,
        #"[{"name":"a","value":"b"} ]"#,
        #"[{"name": "a","value":"b"}]"#,
        #"[{"value":"b","name":"a"}]"#,
        #"[{"name":"a"}]"#,
        #"[{"name":"a","value":"b","extra":"c"}]"#,
        #"[{"name":"a","value":1}]"#,
        #"[{"name":"a","value":null}]"#,
        #"[{"name":"a/b","value":"a\/b"}]"#,
        #"[{"name":"a","value":"\u000a"}]"#,
        #"[{"name":"a","value":"\u001F"}]"#,
        #"[{"name":"a","value":"\u0041"}]"#,
        #"[{"name":"a","value":"\x"}]"#,
        #"[{"name":"a","value":"b"#,
        "[{\"name\":\"a\",\"value\":\"raw\nnewline\"}]",
    ]
    for text in others {
        var output = JSONOutput()
        let carried = output.attributes(storedJSON: text)
        #expect(!carried && output.bytes.isEmpty, "\(text)")
    }
    var output = JSONOutput()
    let carried = output.attributes(storedJSON: #"[{"name":"a","value":"\u001f\u0000\n\"\\"}]"#)
    #expect(carried)
}
