import Foundation

/// How `RedisCartStore` keeps a cart in its hash: field `n` counts the lines
/// ever added (it is there in every cart, even an empty one, so an empty cart
/// exists), and each line is field `l:<productId>` holding "PLACE QUANTITY
/// CHANGED-AT": its place in the order lines were added, and the time the
/// shopper set it in seconds since 1970, `-` for a line stored without one.
/// `RedisCartScript` writes the same layout on the server.
enum RedisCartLayout {
    static func lineField(_ productID: String) -> String { "l:" + productID }

    /// A time as written in a line: the shortest text that reads back as the same Double.
    static func timeText(_ time: Double?) -> String {
        time.map { "\($0)" } ?? "-"
    }

    /// The HSET field-value pairs of a cart holding `items`, in their order.
    static func fields(of items: [CartItem]) -> [String] {
        var fields = ["n", String(items.count)]
        for (index, item) in items.enumerated() {
            fields += [lineField(item.productId), "\(index + 1) \(item.quantity) \(timeText(item.changedAt))"]
        }
        return fields
    }

    /// The items of a cart's HGETALL reply in the order they were added, or
    /// nil when there is no cart (no fields at all, or a null reply).
    static func items(_ reply: RedisReply) throws -> [CartItem]? {
        guard case .array(let elements) = reply else {
            if reply == .null { return nil }
            throw RedisCommandFailed(command: "HGETALL", reply: reply)
        }
        guard !elements.isEmpty else { return nil }
        var placed: [(place: Int, item: CartItem)] = []
        var index = 0
        while index + 1 < elements.count {
            defer { index += 2 }
            guard case .string(let field) = elements[index], case .string(let value) = elements[index + 1] else {
                throw RedisCommandFailed(command: "HGETALL", reply: reply)
            }
            guard field.first == UInt8(ascii: "l"), field.dropFirst().first == UInt8(ascii: ":") else { continue }
            let productID = String(decoding: field.dropFirst(2), as: UTF8.self)
            let parts = value.split(separator: UInt8(ascii: " "), omittingEmptySubsequences: false)
                .map { String(decoding: $0, as: UTF8.self) }
            guard parts.count == 3, let place = Int(parts[0]), let quantity = Int(parts[1]) else {
                throw RedisCommandFailed(command: "HGETALL", reply: reply)
            }
            let changedAt = parts[2] == "-" ? nil : Double(parts[2])
            guard changedAt != nil || parts[2] == "-" else { throw RedisCommandFailed(command: "HGETALL", reply: reply) }
            placed.append((place, CartItem(productId: productID, quantity: quantity, changedAt: changedAt)))
        }
        return placed.sorted { $0.place < $1.place }.map(\.item)
    }
}
