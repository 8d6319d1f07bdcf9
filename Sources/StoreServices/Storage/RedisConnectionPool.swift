import Foundation

/// A few Redis connections shared by the request threads: a caller borrows
/// one for a short series of commands (e.g. WATCH … EXEC) and gives it back.
/// Connections are made when needed, so a Redis that was down is reached again
/// by the next caller once it is back; a connection that failed is dropped.
final class RedisConnectionPool: @unchecked Sendable {
    let address: RedisAddress
    /// What the store is for, in errors ("cart store").
    let purpose: String
    let timeout: TimeInterval
    private let slots: DispatchSemaphore
    private var idle: [RedisConnection] = []
    private let lock = NSLock()

    init(_ address: RedisAddress, purpose: String, size: Int, timeout: TimeInterval) {
        self.address = address
        self.purpose = purpose
        self.timeout = timeout
        slots = DispatchSemaphore(value: max(1, size))
    }

    /// Runs `body` with a connection of its own. Throws `StoreUnreachable`
    /// when Redis cannot be reached or the connection breaks during `body`;
    /// other errors of `body` pass through.
    func withConnection<T>(_ body: (RedisConnection) throws -> T) throws -> T {
        guard slots.wait(timeout: .now() + timeout) == .success else {
            throw unreachable("every connection stayed busy for \(timeout) seconds")
        }
        defer { slots.signal() }
        let (connection, reused) = try take()
        defer { giveBack(connection) }
        do {
            return try body(connection)
        } catch let failure as RedisConnection.Failure {
            // A kept connection the server had closed before its first
            // command, as a Redis that restarted since does: the command never
            // ran, so it is safe to start over once on a new connection (the
            // others kept are as stale and go too). A timeout is not retried:
            // a hung Redis would only make the caller wait twice as long.
            guard reused, failure.closedByServer, connection.commandsThisLoan == 1 else {
                throw unreachable(failure.description)
            }
            lock.lock(); idle.removeAll(); lock.unlock()
            let fresh = try connect()
            defer { giveBack(fresh) }
            do {
                return try body(fresh)
            } catch let failure as RedisConnection.Failure {
                throw unreachable(failure.description)
            }
        }
    }

    private func take() throws -> (RedisConnection, reused: Bool) {
        lock.lock()
        let kept = idle.popLast()
        lock.unlock()
        if let kept {
            kept.commandsThisLoan = 0
            return (kept, true)
        }
        return (try connect(), false)
    }

    private func connect() throws -> RedisConnection {
        do {
            return try RedisConnection(address, timeout: timeout)
        } catch let failure as RedisConnection.Failure {
            throw unreachable(failure.description)
        }
    }

    private func giveBack(_ connection: RedisConnection) {
        guard !connection.isBroken else { return }
        lock.lock()
        idle.append(connection)
        lock.unlock()
    }

    func unreachable(_ reason: String) -> StoreUnreachable {
        StoreUnreachable(store: purpose, address: address.description, reason: reason)
    }
}
