import Foundation
import Testing
import StoreWire

/// `SortedJSONEncoder` must write the very bytes Foundation's encoder writes
/// with sorted keys and unescaped slashes, so answers look the same whichever wrote them.
private func foundationJSON<T: Encodable>(_ value: T) throws -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    return String(decoding: try encoder.encode(value), as: UTF8.self)
}

private func expectSameJSON<T: Encodable>(_ value: T, sourceLocation: SourceLocation = #_sourceLocation) throws {
    let fast = String(decoding: try SortedJSONEncoder().encode(value), as: UTF8.self)
    #expect(fast == (try foundationJSON(value)), sourceLocation: sourceLocation)
}

@Test func wireTypesAreWrittenAsFoundationWritesThem() throws {
    let attributes = [ProductAttribute("Author", "Frank Herbert"), ProductAttribute("ISBN", "978-0441013593")]
    let dune = Product(id: "dune-paperback", name: "Dune", description: "Sand/spice, \"the\" classic.\n",
                       category: "BOOKS", kind: .physical, price: Money(2499), stock: 12, attributes: attributes)
    let threeBody = Product(id: "three-body", name: "三体 The Three-Body Problem 🚀", description: "",
                            category: "BOOKS", kind: .digital, price: Money(-3299, "EUR"), stock: 0)
    try expectSameJSON(dune)
    try expectSameJSON(ProductPage(items: [dune, threeBody], total: 2, limit: 25, offset: 0))
    try expectSameJSON(ProductPage(items: [], total: 0, limit: 25, offset: 50))
    let line = CartLine(productId: dune.id, name: dune.name, kind: .physical, unitPrice: dune.price, quantity: 2,
                        lineTotal: Money(4998))
    try expectSameJSON(Cart(id: "c1", lines: [line], subtotal: Money(4998), tax: Money(652), shipping: Money(800),
                            total: Money(5798), itemCount: 2))
    let order = Order(id: "o1", number: "TBS-7Q4K2M", status: .paid, createdAt: "2026-12-02T07:00:00Z",
                      email: "a@example.com", lines: [], subtotal: .zero(), tax: .zero(), shipping: .zero(),
                      total: .zero(), deliveryAddress: nil, card: nil,
                      shipment: Shipment(status: "shipped", trackingNumber: nil), paymentIntent: nil, cancellable: false)
    try expectSameJSON(order)
    try expectSameJSON([Category(id: "BOOKS", name: "Books", productCount: 40)])
}

@Test func everyEscapeAndNumberIsWrittenAsFoundationWritesIt() throws {
    let everyASCII = String(decoding: (0..<128).map { UInt8($0) }, as: UTF8.self)
    try expectSameJSON([everyASCII, "é\u{2028}\u{2029}\u{FEFF}👩‍💻", "", "a/b\\c"])
    try expectSameJSON([Int.min, Int.max, 0, -1])
    try expectSameJSON([UInt64.max])
    try expectSameJSON(["b": 1, "a": 2, "B": 3, "aa": 4, "é": 5, "z": 6])
    try expectSameJSON([true, false])
    try expectSameJSON([String?.none, "x"])
    try expectSameJSON([[Int]]([[], [1], [2, 3]]))
    try expectSameJSON([String: [String: Int]]())
}

@Test func valuesFoundationSpellsItsOwnWayAreLeftToIt() {
    #expect(throws: SortedJSONEncoder.Unsupported.self) { try SortedJSONEncoder().encode([1.5]) }
    #expect(throws: SortedJSONEncoder.Unsupported.self) { try SortedJSONEncoder().encode(["at": Date()]) }
    #expect(throws: SortedJSONEncoder.Unsupported.self) { try SortedJSONEncoder().encode(Data([1, 2])) }
    #expect(throws: SortedJSONEncoder.Unsupported.self) { try SortedJSONEncoder().encode([URL(fileURLWithPath: "/")]) }
}
