import Foundation
import Testing
import StoreWire
@testable import StoreServices
import TestSupport

/// After checkouts with many test cards, approved, declined and malformed,
/// no file under the data directory holds a full card number or a CVC.
@Suite struct PaymentCardHygieneTests {
    /// CVCs chosen so that they would not turn up by chance in ids, prices or timestamps.
    static let cards: [(number: String, cvc: String)] = [
        ("4242424242424242", "917"), ("5555555555554444", "862"), ("378282246310005", "7391"),
        ("4000000000000002", "935"), ("4000000000009995", "948"), ("4000000000000127", "906"),
        ("4000000000000069", "873"), ("4000000000000119", "829"), ("4242424242424241", "958"),
        ("4012888888881881", "976"),
    ]

    @Test func noCardNumberOrCvcReachesAnyFile() throws {
        let shop = try commerceShop(); defer { shop.stop() }
        let sample = try CatalogueSample(shop)
        let shopper = try Shopper.signUp(shop)
        var paid = 0
        for card in Self.cards {
            let order = try shopper.placeOrder([(sample.physical.id, 1), (sample.digital.id, 1)])
            let answer = try shopper.pay(order, card: testCard(card.number, cvc: card.cvc))
            #expect([200, 400, 402].contains(answer.status), "\(answer.text)")
            if answer.status == 200 { paid += 1 }
            // A grouped number typed with spaces too.
            let spaced = stride(from: 0, to: card.number.count, by: 4).map { offset -> String in
                let start = card.number.index(card.number.startIndex, offsetBy: offset)
                return String(card.number[start..<(card.number.index(start, offsetBy: 4, limitedBy: card.number.endIndex) ?? card.number.endIndex)])
            }.joined(separator: " ")
            _ = try shopper.pay(order, card: testCard(spaced, cvc: card.cvc))
        }
        #expect(paid >= 4)
        #expect(try eventually { try shop.store.commerce.orders.store.undeliveredOutboxCount() == 0 })
        #expect(try maildirMessages(shop).count >= paid * 2, "receipts and download emails were written")

        var files: [URL] = []
        let enumerator = FileManager.default.enumerator(at: shop.dataDirectory, includingPropertiesForKeys: [.isRegularFileKey])
        while let url = enumerator?.nextObject() as? URL {
            if (try url.resourceValues(forKeys: [.isRegularFileKey])).isRegularFile == true { files.append(url) }
        }
        #expect(files.contains { $0.lastPathComponent == OrderStore.fileName })
        #expect(files.contains { $0.path.contains("maildir/new") })
        var searched = 0
        for file in files {
            let bytes = try Data(contentsOf: file)
            searched += bytes.count
            for card in Self.cards {
                #expect(bytes.range(of: Data(card.number.utf8)) == nil, "\(file.lastPathComponent) holds a full card number")
                #expect(bytes.range(of: Data("\"\(card.cvc)\"".utf8)) == nil, "\(file.lastPathComponent) holds a quoted CVC")
                if file.path.contains("maildir") {
                    let text = String(decoding: bytes, as: UTF8.self)
                    // As a word of its own: ids and download keys may contain the digits by chance.
                    let word = "(?<![0-9A-Za-z])\(card.cvc)(?![0-9A-Za-z])"
                    #expect(text.range(of: word, options: .regularExpression) == nil, "\(file.lastPathComponent) holds a CVC")
                }
            }
            #expect(bytes.range(of: Data("\"cvc\"".utf8)) == nil, "\(file.lastPathComponent) holds a card request")
        }
        #expect(searched > 0)
    }
}
