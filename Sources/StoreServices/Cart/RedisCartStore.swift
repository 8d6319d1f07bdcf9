import Foundation

/// Carts in Redis, shared by every instance of the cart service: each cart is
/// one hash, `PREFIX anon:<id>` for an anonymous cart and `PREFIX user:<id>`
/// for a signed-in shopper's (`RedisCartLayout` says what is in it).
///
/// Setting one line — the change shoppers make most — is one round trip: a
/// script on the server (`RedisCartScript`) changes the hash and answers
/// with the new lines, atomically, as every script runs. Other changes are
/// optimistic transactions: WATCH the key, read the hash, compute the new
/// lines, then MULTI, rewrite the hash, EXEC. EXEC fails when another client
/// changed the cart in between, and the change is computed again from the
/// new lines, so two requests changing one cart at once both count. After
/// `maxAttempts` lost races the change is refused (`CartStoreError.contended`).
///
/// A keyed change (`update(_:once:_:)`) also watches `PREFIX applied:<key>`
/// and sets it in the same MULTI, so of two instances applying one removal
/// at once, one writes and the other sees the key and changes nothing.
///
/// Anonymous carts expire `anonymousTTL` after their last change; shoppers'
/// carts never do. That replaces the in-memory store's budget and eviction:
/// abandoned carts go by themselves instead of when the budget is full, and
/// under memory pressure a server configured with `maxmemory-policy
/// volatile-lru` (or `volatile-ttl`) evicts only keys with an expiry — the
/// anonymous carts — never a shopper's. So creation is never refused here.
///
/// A cart kept by an earlier version as one JSON string is rewritten as a
/// hash by the script the first time it is read or changed.
public final class RedisCartStore: CartStore, @unchecked Sendable {
    public static let defaultAnonymousTTL: TimeInterval = 30 * 24 * 3600
    public static let defaultKeyPrefix = "betterstore:cart:"
    /// Lost races allowed before a change is given up.
    static let maxAttempts = 64

    public let address: RedisAddress
    public let anonymousTTL: TimeInterval
    public let keyPrefix: String
    private let pool: RedisConnectionPool

    /// Connects lazily; call `checkReachable()` to find out at once.
    public init(address: RedisAddress, anonymousTTL: TimeInterval = RedisCartStore.defaultAnonymousTTL,
                keyPrefix: String = RedisCartStore.defaultKeyPrefix, connections: Int = 8, timeout: TimeInterval = 2) {
        self.address = address
        // From a millisecond (PX's unit) to a century, so the conversion to an integer cannot trap.
        self.anonymousTTL = anonymousTTL.isNaN ? Self.defaultAnonymousTTL : min(max(anonymousTTL, 0.001), 100 * 365 * 24 * 3600)
        self.keyPrefix = keyPrefix
        pool = RedisConnectionPool(address, purpose: "cart store", size: connections, timeout: timeout)
    }

    /// Throws `StoreUnreachable` unless Redis answers PING (and has the database).
    public func checkReachable() throws {
        let reply = try pool.withConnection { try $0.run(["PING"]) }
        guard reply == .status("PONG") else { throw pool.unreachable("PING answered \(reply)") }
    }

    public func create(_ owner: CartOwner) throws {
        let reply = try pool.withConnection { try RedisCartScript.run(.create, key: key(owner), [expiry(owner)], on: $0) }
        try expectSuccess(reply, "create")
    }

    public func items(of owner: CartOwner) throws -> [CartItem]? {
        let key = key(owner)
        return try pool.withConnection { connection in
            let reply = try connection.run(["HGETALL", key])
            if RedisCartScript.isEarlierLayout(reply) {
                return try RedisCartLayout.items(RedisCartScript.run(.read, key: key, [], on: connection))
            }
            return try RedisCartLayout.items(reply)
        }
    }

    public func setLine(_ productID: String, quantity: Int, changedAt: Double, in owner: CartOwner,
                        createIfMissing: Bool) throws -> [CartItem]? {
        let arguments = [expiry(owner), createIfMissing ? "1" : "0", RedisCartLayout.lineField(productID),
                         String(quantity), RedisCartLayout.timeText(changedAt)]
        let reply = try pool.withConnection { try RedisCartScript.run(.setLine, key: key(owner), arguments, on: $0) }
        return try RedisCartLayout.items(reply)
    }

    public func update(_ owner: CartOwner, createIfMissing: Bool,
                       _ change: ([CartItem]) throws -> [CartItem]) throws -> [CartItem]? {
        try optimistically(owner, createIfMissing: createIfMissing, appliedKey: nil, change)
    }

    public func update(_ owner: CartOwner, once key: String,
                       _ change: ([CartItem]) throws -> [CartItem]) throws -> [CartItem]? {
        try optimistically(owner, createIfMissing: false, appliedKey: keyPrefix + "applied:" + key, change)
    }

    private func optimistically(_ owner: CartOwner, createIfMissing: Bool, appliedKey: String?,
                                _ change: ([CartItem]) throws -> [CartItem]) throws -> [CartItem]? {
        let key = key(owner)
        for round in 0..<Self.maxAttempts {
            let outcome: [CartItem]?? = try pool.withConnection { connection in
                do {
                    return try attempt(owner, key: key, createIfMissing: createIfMissing, appliedKey: appliedKey,
                                       on: connection, change)
                } catch {
                    // Watching, or inside MULTI: not a state to lend to the next caller.
                    connection.retire()
                    throw error
                }
            }
            if let outcome { return outcome }
            // Back off a little, more after each lost race, so the winners finish.
            usleep(UInt32.random(in: 0...UInt32(min(round + 1, 20) * 200)))
        }
        throw CartStoreError.contended
    }

    /// One optimistic attempt with the key watched: the new lines, `.some(nil)`
    /// for a missing cart, or nil when another client changed the cart (or
    /// applied `appliedKey`) first. A cart whose `appliedKey` is set is returned unchanged.
    private func attempt(_ owner: CartOwner, key: String, createIfMissing: Bool, appliedKey: String?,
                         on connection: RedisConnection,
                         _ change: ([CartItem]) throws -> [CartItem]) throws -> [CartItem]?? {
        // WATCH and HGETALL (and EXISTS) in one round trip, then MULTI, the writes and EXEC in another.
        let watched = [key] + (appliedKey.map { [$0] } ?? [])
        var reads = [["WATCH"] + watched, ["HGETALL", key]]
        if let appliedKey { reads.append(["EXISTS", appliedKey]) }
        let read = try connection.pipeline(reads)
        try expectSuccess(read[0], "WATCH")
        if RedisCartScript.isEarlierLayout(read[1]) {
            _ = try connection.run(["UNWATCH"])
            _ = try RedisCartScript.run(.read, key: key, [], on: connection)
            return nil
        }
        let current = try RedisCartLayout.items(read[1])
        guard let base = current ?? (createIfMissing ? [] : nil) else {
            _ = try connection.run(["UNWATCH"])
            return .some(nil)
        }
        if appliedKey != nil, read[2] != .integer(0) {
            try expectSuccess(read[2], "EXISTS")
            _ = try connection.run(["UNWATCH"])
            return .some(base)
        }
        let changed = try change(base)
        var writes = [["MULTI"], ["DEL", key], ["HSET", key] + RedisCartLayout.fields(of: changed)]
        if case .anonymous = owner { writes.append(["PEXPIRE", key, expiry(owner)]) }
        if let appliedKey { writes.append(["SET", appliedKey, "1", "PX", String(Int(appliedKeyLifetime * 1000))]) }
        let written = try connection.pipeline(writes + [["EXEC"]])
        try expectSuccess(written[0], "MULTI")
        // A null EXEC reply: the key changed after WATCH, nothing was written.
        let result = written[writes.count]
        if case .array(let replies) = result {
            for reply in replies { try expectSuccess(reply, "EXEC") }
            return .some(changed)
        }
        guard result == .null else { throw RedisCommandFailed(command: "EXEC", reply: result) }
        return nil
    }

    public func delete(_ owner: CartOwner) throws {
        let key = key(owner)
        _ = try pool.withConnection { try $0.run(["DEL", key]) }
    }

    func key(_ owner: CartOwner) -> String {
        switch owner {
        case .anonymous(let id): return keyPrefix + "anon:" + id
        case .user(let id): return keyPrefix + "user:" + id
        }
    }

    /// Milliseconds an anonymous cart lives after a change; empty for a
    /// shopper's cart, which never expires.
    private func expiry(_ owner: CartOwner) -> String {
        guard case .anonymous = owner else { return "" }
        return String(Int((anonymousTTL * 1000).rounded()))
    }

    /// Throws on an error reply (e.g. a key of another type, or a server out of memory).
    private func expectSuccess(_ reply: RedisReply, _ command: String) throws {
        if case .error = reply { throw RedisCommandFailed(command: command, reply: reply) }
    }
}

/// Redis answered a command with an error or a reply of the wrong kind.
struct RedisCommandFailed: Error, CustomStringConvertible {
    let command: String
    let reply: RedisReply
    var description: String { "Redis \(command) answered \(reply)" }
}
