import Foundation
import StoreWire
import StoreHTTP
import Testing

/// One client shared by many threads, as the app's command runner uses it.
@Suite struct ConcurrencyTests {
    @Test func manyThreadsShareOneClient() throws {
        let store = try RunningStore()
        let client = store.client
        let products = try client.products(ProductQuery(limit: 100)).items.filter(\.inStock)
        let cart = try client.createCart()
        let lines = Array(products.prefix(8))
        let failures = Failures()

        DispatchQueue.concurrentPerform(iterations: 16) { worker in
            do {
                for round in 0..<6 {
                    let product = products[(worker * 7 + round) % products.count]
                    if try client.product(id: product.id) != product { failures.add("product \(product.id) differs") }
                    _ = try client.products(ProductQuery(offset: round))
                }
                if worker < lines.count {
                    _ = try client.setQuantity(cartID: cart.id, productID: lines[worker].id, quantity: 1, token: nil)
                }
            } catch {
                failures.add("worker \(worker): \(error)")
            }
        }
        #expect(failures.all.isEmpty, "\(failures.all)")
        let final = try client.cart(id: cart.id, token: nil)
        #expect(Set(final.lines.map(\.productId)) == Set(lines.map(\.id)))
    }
}

private final class Failures: @unchecked Sendable {
    private let lock = NSLock()
    private var messages: [String] = []
    func add(_ message: String) { lock.lock(); messages.append(message); lock.unlock() }
    var all: [String] { lock.lock(); defer { lock.unlock() }; return messages }
}
