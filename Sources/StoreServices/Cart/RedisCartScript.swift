import Foundation
import StoreWire

/// The script `RedisCartStore` runs on the server for the steps that must be
/// one round trip and atomic: making a cart, and setting one of its lines.
/// It keeps the layout of `RedisCartLayout`, and rewrites a cart an earlier
/// version kept as a JSON string into that layout (keeping its expiry)
/// before anything else, so every step also reads such a cart.
enum RedisCartScript {
    enum Step: String {
        /// ARGV: the expiry in milliseconds ('' for none). Makes an empty cart unless there is one.
        case create
        /// No ARGV. The cart's HGETALL, after rewriting a cart in the earlier layout.
        case read
        /// ARGV: the expiry, '1' to make a missing cart, the line's field, its
        /// quantity (0 removes it) and its time. The new HGETALL, or null for a missing cart.
        case setLine = "set"
    }

    static let source = """
        local key = KEYS[1]
        if redis.call('TYPE', key).ok == 'string' then
          local ttl = redis.call('PTTL', key)
          local lines = cjson.decode(redis.call('GET', key))
          redis.call('DEL', key)
          redis.call('HSET', key, 'n', #lines)
          for index, line in ipairs(lines) do
            local at = '-'
            if type(line.changedAt) == 'number' then at = string.format('%.17g', line.changedAt) end
            redis.call('HSET', key, 'l:' .. line.productId, index .. ' ' .. string.format('%d', line.quantity) .. ' ' .. at)
          end
          if ttl > 0 then redis.call('PEXPIRE', key, ttl) end
        end
        local step, ttl = ARGV[1], ARGV[2]
        if step == 'read' then return redis.call('HGETALL', key) end
        local exists = redis.call('EXISTS', key) == 1
        if step == 'create' then
          if not exists then
            redis.call('HSET', key, 'n', 0)
            if ttl ~= '' then redis.call('PEXPIRE', key, ttl) end
          end
          return 1
        end
        if not exists then
          if ARGV[3] ~= '1' then return false end
          redis.call('HSET', key, 'n', 0)
        end
        local field, quantity = ARGV[4], ARGV[5]
        if quantity == '0' then
          redis.call('HDEL', key, field)
        else
          local old = redis.call('HGET', key, field)
          local place
          if old then place = string.match(old, '^%d+') else place = redis.call('HINCRBY', key, 'n', 1) end
          redis.call('HSET', key, field, place .. ' ' .. quantity .. ' ' .. ARGV[6])
        end
        if ttl ~= '' then redis.call('PEXPIRE', key, ttl) end
        return redis.call('HGETALL', key)
        """

    /// The name Redis knows the script by once loaded (EVALSHA).
    static let sha = Hex.lowercase(Crypto.sha1(Data(source.utf8)))

    /// Runs `step` on `key`: by its SHA, and by its text when this Redis does
    /// not know it yet (it started after the script was last loaded).
    static func run(_ step: Step, key: String, _ arguments: [String], on connection: RedisConnection) throws -> RedisReply {
        let tail = ["1", key, step.rawValue] + arguments
        let reply = try connection.run(["EVALSHA", sha] + tail)
        if case .error(let message) = reply, message.hasPrefix("NOSCRIPT") {
            return try connection.run(["EVAL", source] + tail)
        }
        return reply
    }

    /// Whether a reply says the key holds a cart in the earlier layout (a string, not a hash).
    static func isEarlierLayout(_ reply: RedisReply) -> Bool {
        if case .error(let message) = reply { return message.hasPrefix("WRONGTYPE") }
        return false
    }
}
