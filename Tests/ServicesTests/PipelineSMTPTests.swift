import Foundation
import Testing
import StoreWire
@testable import StoreServices
import TestSupport
#if canImport(Glibc)
import Glibc
#endif

/// A minimal SMTP sink on a free loopback port: accepts every message and
/// keeps what was sent, standing in for a mail server outside the shop.
final class SMTPSink: @unchecked Sendable {
    private let listener: Int32
    let port: UInt16
    private let lock = NSLock()
    private var messages: [(recipients: [String], data: String)] = []

    init() throws {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) }
        }
        guard bound == 0, listen(fd, 8) == 0 else { throw MailerError(description: "SMTP sink cannot listen") }
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        listener = fd
        port = UInt16(bigEndian: address.sin_port)
        let sink = self
        Thread { sink.acceptLoop() }.start()
    }

    var received: [(recipients: [String], data: String)] { lock.lock(); defer { lock.unlock() }; return messages }

    func close() { shutdown(listener, Int32(SHUT_RDWR)); Glibc.close(listener) }

    private func acceptLoop() {
        while true {
            let client = accept(listener, nil, nil)
            if client < 0 { return }
            serve(client)
            Glibc.close(client)
        }
    }

    private func serve(_ client: Int32) {
        func reply(_ line: String) { _ = (line + "\r\n").withCString { send(client, $0, strlen($0), 0) } }
        var buffer = ""
        var recipients: [String] = []
        var inData = false
        reply("220 sink ESMTP")
        var chunk = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = recv(client, &chunk, chunk.count, 0)
            if count <= 0 { return }
            buffer += String(decoding: chunk[0..<count], as: UTF8.self)
            while true {
                if inData {
                    guard let end = buffer.range(of: "\r\n.\r\n") else { break }
                    let data = String(buffer[..<end.lowerBound])
                    buffer = String(buffer[end.upperBound...])
                    lock.lock(); messages.append((recipients, data)); lock.unlock()
                    recipients = []
                    inData = false
                    reply("250 queued")
                    continue
                }
                guard let end = buffer.range(of: "\r\n") else { break }
                let line = String(buffer[..<end.lowerBound])
                buffer = String(buffer[end.upperBound...])
                let verb = line.prefix(4).uppercased()
                switch verb {
                case "EHLO", "HELO": reply("250 sink")
                case "MAIL": reply("250 ok")
                case "RCPT": recipients.append(String(line.dropFirst(8))); reply("250 ok")
                case "DATA": inData = true; reply("354 go on")
                case "QUIT": reply("221 bye"); return
                default: reply("250 ok")
                }
            }
        }
    }
}

@Suite struct PipelineSMTPTests {
    @Test func receiptsGoToTheConfiguredSMTPServer() throws {
        let sink = try SMTPSink(); defer { sink.close() }
        let shop = try commerceShop(smtpURL: "smtp://127.0.0.1:\(sink.port)"); defer { shop.stop() }
        let sample = try CatalogueSample(shop)
        let shopper = try Shopper.signUp(shop)
        let order = try shopper.placeOrder([(sample.physical.id, 1)])
        #expect(try shopper.pay(order).status == 200)
        #expect(eventually { sink.received.count == 1 })
        let message = try #require(sink.received.first)
        #expect(message.recipients.first?.contains(shopper.email) == true)
        #expect(message.data.contains("Subject: Your receipt for order \(order.number)"))
        #expect(message.data.contains("MIME-Version: 1.0"))
        #expect(try maildirMessages(shop).isEmpty, "with SMTP configured nothing goes to the maildir")
        #expect(try shop.store.commerce.orders.store.undeliveredOutboxCount() == 0)
    }
}
