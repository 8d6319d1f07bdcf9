import CHiredis
import Foundation

/// A Redis reply, copied out of hiredis' `redisReply` so it can outlive it.
enum RedisReply: Hashable {
    case status(String)
    case error(String)
    case integer(Int64)
    case string(Data)
    case null
    case array([RedisReply])

    init(_ reply: UnsafePointer<redisReply>) {
        let value = reply.pointee
        switch value.type {
        case REDIS_REPLY_STATUS: self = .status(Self.text(value))
        case REDIS_REPLY_ERROR: self = .error(Self.text(value))
        case REDIS_REPLY_INTEGER: self = .integer(value.integer)
        case REDIS_REPLY_STRING:
            self = .string(value.str.map { Data(bytes: $0, count: value.len) } ?? Data())
        case REDIS_REPLY_ARRAY:
            var elements: [RedisReply] = []
            if let element = value.element {
                for index in 0..<value.elements {
                    if let item = element[index] { elements.append(RedisReply(item)) }
                }
            }
            self = .array(elements)
        default: self = .null
        }
    }

    private static func text(_ reply: redisReply) -> String {
        guard let bytes = reply.str else { return "" }
        return String(decoding: UnsafeRawBufferPointer(start: bytes, count: reply.len), as: UTF8.self)
    }
}
