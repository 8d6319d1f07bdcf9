import Foundation
import StoreWire
import Testing
@testable import StoreServices

@Suite struct PipelineEmailTests {
    static func sampleEvent() -> OrderPurchased {
        let lines = [OrderLine(productId: "dune", name: "Dune — édition", kind: .physical, unitPrice: Money(2_499),
                               quantity: 2, lineTotal: Money(4_998))]
        let order = Order(id: "ord_1", number: "TBS-7Q4K2M", status: .paid, createdAt: "2026-01-02T03:04:05Z",
                          email: "ann@example.com", lines: lines, subtotal: Money(4_998), tax: Money(756),
                          shipping: Money(800), total: Money(5_798),
                          deliveryAddress: Address(name: "Ann", line1: "1 Queen St", city: "Auckland", postcode: "1010"),
                          card: CardSummary(brand: .visa, last4: "4242"), shipment: nil, paymentIntent: nil, cancellable: true)
        return OrderPurchased(eventId: "evt_1", occurredAt: "2026-01-02T03:04:06Z", userId: "ann@example.com", cartId: "mine", order: order, cartReadAt: nil)
    }

    @Test func receiptIsAnRFC5322Message() {
        let text = ReceiptComposer.receipt(for: Self.sampleEvent()).rfc5322
        for header in ["Date: ", "From: ", "To: ann@example.com", "Subject: Your receipt for order TBS-7Q4K2M",
                       "Message-ID: <", "MIME-Version: 1.0", "Content-Type: text/plain; charset=UTF-8"] {
            #expect(text.contains("\r\n" + header) || text.hasPrefix(header), "missing \(header)")
        }
        #expect(text.contains("\r\n\r\n"))
        #expect(text.contains("TBS-7Q4K2M"))
        #expect(text.contains("4242"))
        #expect(text.contains("NZD 57.98"))
        #expect(text.contains("Content-Transfer-Encoding: 8bit"))
        #expect(text.contains("2 × Dune — édition"), "UTF-8 text reads as it is")
        for line in text.components(separatedBy: "\r\n") {
            #expect(line.utf8.count <= 998)
        }
        #expect(!text.replacingOccurrences(of: "\r\n", with: "").contains("\n"), "every line ends in CRLF")
    }

    @Test func totalsStayInTheirColumnWithLongAndWideNames() {
        var event = Self.sampleEvent()
        event.order.lines = [
            OrderLine(productId: "fw", name: "Framework Laptop 13 (AMD Ryzen 7040 Series) DIY Edition", kind: .physical,
                      unitPrice: Money(189_900), quantity: 1, lineTotal: Money(189_900)),
            OrderLine(productId: "nw", name: "ノルウェイの森", kind: .physical, unitPrice: Money(2_899),
                      quantity: 2, lineTotal: Money(5_798)),
        ]
        let body = ReceiptComposer.receipt(for: event).rfc5322.components(separatedBy: "\r\n")
        let amounts = body.filter { $0.hasSuffix("NZD 1899.00") || $0.hasSuffix("NZD 57.98") }
        #expect(amounts.count >= 2, "\(body)")
        for line in amounts { #expect(DisplayWidth.of(line) == 60, "\(line)") }
        #expect(body.contains("1 × Framework Laptop 13 (AMD Ryzen 7040 Series) DIY Edition"))
    }

    @Test func aDigitalLineSaysSoBesideItsPaperback() {
        var event = Self.sampleEvent()
        event.order.lines = [
            OrderLine(productId: "dune-paperback", name: "Dune", kind: .physical, unitPrice: Money(2_699), quantity: 1,
                      lineTotal: Money(2_699)),
            OrderLine(productId: "dune-ebook", name: "Dune", kind: .digital, unitPrice: Money(1_499), quantity: 1,
                      lineTotal: Money(1_499)),
        ]
        let body = ReceiptComposer.receipt(for: event).rfc5322.components(separatedBy: "\r\n")
        #expect(body.contains { $0.hasPrefix("1 × Dune · digital @ NZD 14.99") }, "\(body)")
        #expect(body.contains { $0.hasPrefix("1 × Dune @ NZD 26.99") }, "\(body)")
    }

    @Test func linesEndInCRLF() {
        #expect(EmailMessage.crlfLines("a\n.\r\nb") == "a\r\n.\r\nb")
        #expect(EmailMessage.crlfLines("\n\r\r\n\r") == "\r\n\r\r\n\r")
    }

    @Test func dateHeaderIsRFC5322InUTC() {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss '+0000'"
        for seconds in [0, 951_782_400, 1_798_761_599, 1_800_000_000.75, 4_102_444_800] as [TimeInterval] {
            let date = Date(timeIntervalSince1970: seconds)
            #expect(EmailMessage.rfc5322Date(date) == formatter.string(from: date))
        }
    }

    @Test func maildirGetsOneFileInNew() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("maildir-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        try MaildirMailer(root: root).send(ReceiptComposer.receipt(for: Self.sampleEvent()))
        let files = try FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent("new").path)
        #expect(files.count == 1)
        #expect(try FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent("tmp").path).isEmpty)
    }

    @Test func orderNumbersAreCrockfordAndVaried() {
        let numbers = (0..<200).map { _ in OrderNumber.random() }
        #expect(numbers.allSatisfy(OrderNumber.isWellFormed))
        #expect(numbers.allSatisfy { !$0.dropFirst(4).contains(where: { "ILOU".contains($0) }) })
        #expect(Set(numbers).count > 190)
    }
}
