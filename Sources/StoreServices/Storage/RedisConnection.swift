import CHiredis
import Foundation

/// One blocking hiredis connection with connect and command timeouts. Not
/// thread-safe (neither is a hiredis context): `RedisConnectionPool` lends
/// each to one caller at a time. Once a command fails on the wire the
/// connection is `broken` and the pool drops it; the next caller connects anew.
final class RedisConnection {
    struct Failure: Error, CustomStringConvertible {
        let description: String
        /// The server had closed the connection (EOF, reset, broken pipe), as
        /// after a restart; not a timeout, where the server may still be at work.
        var closedByServer = false
    }

    private let context: UnsafeMutablePointer<redisContext>
    /// True once the connection failed on the wire (refused, timed out, closed) or was retired.
    private(set) var isBroken = false
    /// Round trips (commands or pipelines) since the pool last lent it out.
    var commandsThisLoan = 0

    init(_ address: RedisAddress, timeout: TimeInterval) throws {
        let limit = Self.timeval(timeout)
        guard let context = redisConnectWithTimeout(address.host, Int32(clamping: address.port), limit) else {
            throw Failure(description: "cannot allocate a connection")
        }
        guard context.pointee.err == 0 else {
            let reason = Self.errorText(context)
            redisFree(context)
            throw Failure(description: reason)
        }
        guard redisSetTimeout(context, limit) == REDIS_OK else {
            redisFree(context)
            throw Failure(description: "cannot set the command timeout")
        }
        // From here deinit frees the context, also when SELECT below throws.
        self.context = context
        if address.database != 0 {
            let reply = try run(["SELECT", String(address.database)])
            guard case .status = reply else {
                // A database the server does not have is a configuration error, not a broken wire.
                throw Failure(description: "SELECT \(address.database) failed: \(reply)")
            }
        }
    }

    deinit { redisFree(context) }

    /// Marks the connection as not to be reused, e.g. when a transaction was
    /// left half-way; the pool closes it instead of lending it again.
    func retire() {
        isBroken = true
    }

    /// Sends one command (binary-safe arguments) and waits for its reply. A
    /// Redis error reply is returned as `.error`; a failure on the wire throws.
    func run(_ arguments: [String]) throws -> RedisReply {
        try pipeline([arguments])[0]
    }

    /// Sends the commands in one write and reads their replies in order: one
    /// round trip for, e.g., MULTI, SET and EXEC.
    func pipeline(_ commands: [[String]]) throws -> [RedisReply] {
        guard !isBroken else { throw Failure(description: "the connection is broken") }
        commandsThisLoan += 1
        for command in commands {
            // Binary-safe: each argument by its byte count, NULs and all. hiredis
            // copies them into its output buffer before returning.
            let buffers = command.map { argument -> UnsafeMutableBufferPointer<CChar> in
                let bytes = Array(argument.utf8)
                let buffer = UnsafeMutableBufferPointer<CChar>.allocate(capacity: max(1, bytes.count))
                for (index, byte) in bytes.enumerated() { buffer[index] = CChar(bitPattern: byte) }
                return buffer
            }
            defer { buffers.forEach { $0.deallocate() } }
            var pointers = buffers.map { $0.baseAddress.map { UnsafePointer<CChar>($0) } }
            var lengths = command.map(\.utf8.count)
            guard redisAppendCommandArgv(context, Int32(command.count), &pointers, &lengths) == REDIS_OK else {
                throw failure()
            }
        }
        var replies: [RedisReply] = []
        for _ in commands {
            var raw: UnsafeMutableRawPointer?
            guard redisGetReply(context, &raw) == REDIS_OK, let raw else { throw failure() }
            defer { freeReplyObject(raw) }
            replies.append(RedisReply(raw.assumingMemoryBound(to: redisReply.self)))
        }
        return replies
    }

    /// The failure hiredis reports; the connection is not used again.
    private func failure() -> Failure {
        let code = errno
        isBroken = true
        let error = context.pointee.err
        let closed = error == REDIS_ERR_EOF || (error == REDIS_ERR_IO && (code == ECONNRESET || code == EPIPE))
        return Failure(description: error != 0 ? Self.errorText(context) : "no reply", closedByServer: closed)
    }

    private static func timeval(_ seconds: TimeInterval) -> Glibc.timeval {
        let whole = max(0, seconds.rounded(.down))
        return Glibc.timeval(tv_sec: Int(whole), tv_usec: Int((seconds - whole) * 1_000_000))
    }

    private static func errorText(_ context: UnsafeMutablePointer<redisContext>) -> String {
        withUnsafeBytes(of: context.pointee.errstr) { bytes in
            let text = bytes.prefix { $0 != 0 }
            return text.isEmpty ? "error \(context.pointee.err)" : String(decoding: text, as: UTF8.self)
        }
    }
}
