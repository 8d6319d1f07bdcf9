import Foundation
import Testing
import StoreCore
@testable import StoreServices
import TestSupport

/// Sign-in and sign-up throttles per email and per client address, the
/// bounded password-hashing gate and the per-address connection cap, over
/// loopback: 127.0.0.1 and 127.0.0.2 stand for two clients.
@Suite struct AbuseTests {
    /// Sends JSON from a client address and returns the answer.
    static func post(_ shop: TestStore, _ path: String, _ json: String, from address: String = "127.0.0.1") throws -> RawResponse {
        try RawSocket.send(port: shop.port, requestLine: Data("POST \(path) HTTP/1.1".utf8),
                           headers: [("Content-Type", Data("application/json".utf8))], body: Data(json.utf8), from: address)
    }

    static func signIn(_ shop: TestStore, _ email: String, _ password: String, from address: String = "127.0.0.1") throws -> RawResponse {
        try post(shop, "/user/v1/sessions", #"{"email": "\#(email)", "password": "\#(password)"}"#, from: address)
    }

    static func expectThrottled(_ answer: RawResponse, _ what: String) {
        #expect(answer.status == 429, "\(what): \(answer.status) \(answer.text)")
        #expect(answer.serviceError?.code == "rate_limited" && answer.serviceError?.type == "rate_limit_error", "\(what)")
        let wait = Int(answer.header("retry-after") ?? "") ?? 0
        #expect(wait >= 1 && wait <= 60, "\(what): Retry-After \(answer.header("retry-after") ?? "none")")
    }

    @Test func badSignInsForOneEmailAreThrottledWhileOthersSignIn() throws {
        let shop = try commerceShop(); defer { shop.stop() }
        let victim = try Shopper.signUp(shop)
        let other = try Shopper.signUp(shop)
        let perEmail = SignInLimits().failuresPerEmail
        for attempt in 0..<perEmail {
            // From different addresses: the email's own budget is what runs out.
            let answer = try Self.signIn(shop, victim.email, "wrong-\(attempt)", from: "127.0.0.\(10 + attempt)")
            #expect(answer.status == 401, "attempt \(attempt): \(answer.text)")
        }
        Self.expectThrottled(try Self.signIn(shop, victim.email, "wrong-again", from: "127.0.0.99"), "one more guess")
        Self.expectThrottled(try Self.signIn(shop, victim.email.uppercased(), "wrong-again"), "the same email in capitals")
        let fine = try Self.signIn(shop, other.email, "long-enough-pw")
        #expect(fine.status == 200, "another shopper signs in: \(fine.text)")
    }

    @Test func badSignInsFromOneAddressAreThrottledWhateverTheEmail() throws {
        let shop = try commerceShop(); defer { shop.stop() }
        let shopper = try Shopper.signUp(shop)
        let perAddress = SignInLimits().failuresPerAddress
        for attempt in 0..<perAddress {
            let answer = try Self.signIn(shop, "guess-\(attempt)@example.com", "not-the-password", from: "127.0.0.2")
            #expect(answer.status == 401, "attempt \(attempt): \(answer.text)")
        }
        Self.expectThrottled(try Self.signIn(shop, "guess-new@example.com", "not-the-password", from: "127.0.0.2"),
                             "a new email from the same address")
        Self.expectThrottled(try Self.signIn(shop, shopper.email, "long-enough-pw", from: "127.0.0.2"),
                             "even a right password from that address")
        let elsewhere = try Self.signIn(shop, shopper.email, "long-enough-pw", from: "127.0.0.3")
        #expect(elsewhere.status == 200, "the shopper from another address: \(elsewhere.text)")
    }

    /// Behind a gateway every connection comes from its address: trusted, its
    /// X-Forwarded-For names the shopper, so one shopper's guesses do not lock
    /// out the others; untrusted, the header is ignored.
    @Test func aTrustedGatewaysForwardedForIsTheAddressThatIsThrottled() throws {
        func signIn(_ shop: TestStore, forwardedFor: String, _ email: String) throws -> RawResponse {
            try RawSocket.send(port: shop.port, requestLine: Data("POST /user/v1/sessions HTTP/1.1".utf8),
                               headers: [("Content-Type", Data("application/json".utf8)),
                                         ("X-Forwarded-For", Data(forwardedFor.utf8))],
                               body: Data(#"{"email": "\#(email)", "password": "not-the-password"}"#.utf8), from: "127.0.0.6")
        }
        let perAddress = SignInLimits().failuresPerAddress
        for trusted in [true, false] {
            var options = BetterStore.Options(passwordIterations: 1_000)
            if trusted { options.trustedProxies = ["127.0.0.6"] }
            let shop = try TestStore(options: options); defer { shop.stop() }
            for attempt in 0..<perAddress {
                // The shopper's own claim first, as a client may send; the gateway appends the address it saw.
                let answer = try signIn(shop, forwardedFor: "198.51.100.\(attempt), 203.0.113.7", "guess-\(attempt)@example.com")
                #expect(answer.status == 401, "attempt \(attempt): \(answer.text)")
            }
            Self.expectThrottled(try signIn(shop, forwardedFor: "203.0.113.7", "guess-more@example.com"), "the guesser, trusted: \(trusted)")
            let other = try signIn(shop, forwardedFor: "203.0.113.8", "someone@example.com")
            if trusted {
                #expect(other.status == 401, "another shopper behind the gateway is not throttled: \(other.text)")
            } else {
                Self.expectThrottled(other, "untrusted, every request is the gateway's")
            }
        }
    }

    @Test func signUpsFromOneAddressAreThrottled() throws {
        let shop = try commerceShop(); defer { shop.stop() }
        let body = { (email: String) in
            #"{"email": "\#(email)", "password": "long-enough-pw", "name": "N", "address": {"name": "N", "line1": "1 St", "city": "Akl", "postcode": "1010"}}"#
        }
        for index in 0..<SignInLimits().signUpsPerAddress {
            let answer = try Self.post(shop, "/user/v1/users", body("bulk-\(index)@example.com"), from: "127.0.0.4")
            #expect(answer.status == 201, "\(index): \(answer.text)")
        }
        Self.expectThrottled(try Self.post(shop, "/user/v1/users", body("bulk-more@example.com"), from: "127.0.0.4"), "sign-up")
        let users = try count(shop, UserStore.fileName, "SELECT COUNT(*) AS n FROM users WHERE email = 'bulk-more@example.com'")
        #expect(users == 0)
        let elsewhere = try Self.post(shop, "/user/v1/users", body("someone@example.com"), from: "127.0.0.5")
        #expect(elsewhere.status == 201, "\(elsewhere.text)")
    }

    @Test func aBucketRefillsAtItsRateAndForgetsKeysBeyondItsMaximum() {
        let limiter = RateLimiter(capacity: 2, interval: 60, maximumKeys: 100)
        #expect(limiter.retryAfter("k", now: 0) == nil)
        limiter.spend("k", now: 0)
        limiter.spend("k", now: 0)
        #expect(limiter.retryAfter("k", now: 0) == 30, "one token comes back every 30 seconds")
        #expect(limiter.retryAfter("k", now: 29) == 1)
        #expect(limiter.retryAfter("k", now: 30) == nil)
        for index in 0..<1_000 { limiter.spend("key-\(index)", now: 100) }
        #expect(limiter.trackedKeys <= 100)
        #expect(limiter.retryAfter("key-999", now: 100) == nil, "one failure of two allowed")
    }

    @Test func aFullHashingGateAnswers503AtOnce() throws {
        let gate = PasswordHashingGate(slots: 1, waiting: 0)
        let started = DispatchSemaphore(value: 0), release = DispatchSemaphore(value: 0)
        let holder = Thread {
            _ = try? gate.run { started.signal(); release.wait() }
        }
        holder.start()
        started.wait()
        #expect(throws: HTTPError.busy) { try gate.run { Issue.record("ran past a full gate") } }
        release.signal()
        // The slot comes back once the hash in it ends.
        #expect(try eventually { (try? gate.run { true }) == true })
    }

    /// The nice value of the thread that calls it (per thread on Linux).
    static func threadNiceness() -> Int32 {
        getpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0)
    }

    @Test func hashesRunBelowTheServingPriorityOnlyWhileTheGateTurnsRequestsAway() throws {
        let gate = PasswordHashingGate(slots: 1, waiting: 0)
        let serving = Self.threadNiceness()
        #expect(try gate.run { Self.threadNiceness() } == serving, "no refusal yet: the hash runs where it was asked")
        let started = DispatchSemaphore(value: 0), release = DispatchSemaphore(value: 0)
        let holder = Thread { _ = try? gate.run { started.signal(); release.wait() } }
        holder.start()
        started.wait()
        #expect(!gate.admits(), "every slot runs and nothing may wait: a refusal")
        release.signal()
        // The slot comes back once the held hash ends; the refusal is a moment old.
        var flooded: Int32?
        #expect(eventually { flooded = try? gate.run { Self.threadNiceness() }; return flooded != nil })
        #expect(flooded == min(19, serving + PasswordHashingGate.floodNiceness), "during a flood the hash is lowered")
        #expect(Self.threadNiceness() == serving, "the caller's own priority is untouched")
    }

    @Test func aSignInThatFindsTheHashingGateFullIsA503WithRetryAfter() throws {
        var options = TestStore.fastOptions
        options.passwordIterations = 3_000_000   // about a second a hash: the two sign-ins overlap
        options.hashingSlots = 1
        options.hashingQueue = 0
        let shop = try TestStore(options: options); defer { shop.stop() }
        let answers = Locked<[RawResponse]>([])
        DispatchQueue.concurrentPerform(iterations: 2) { index in
            if let answer = try? Self.signIn(shop, "flood-\(index)@example.com", "not-the-password", from: "127.0.0.\(20 + index)") {
                answers.mutate { $0.append(answer) }
            }
        }
        let statuses = answers.value.map(\.status).sorted()
        #expect(statuses == [401, 503], "one hashes, the other is turned away: \(statuses)")
        let refused = try #require(answers.value.first { $0.status == 503 })
        #expect(refused.serviceError?.code == "busy")
        #expect(refused.header("retry-after") == "1")
    }

    @Test func oneAddressCannotHoldMoreThanItsShareOfConnections() throws {
        var options = TestStore.fastOptions
        options.connectionLimit = 8
        let shop = try TestStore(options: options); defer { shop.stop() }
        let share = HostConfiguration.fairShare(of: 8)
        let held = try (0..<share).map { _ in try RawSocket.connected(port: shop.port, from: "127.0.0.7") }
        defer { held.forEach { close($0) } }
        let health = Data("GET /health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n".utf8)
        #expect(throws: RawSocket.Failure.self, "one connection past the share is closed unanswered") {
            let answer = try RawSocket.exchange(port: shop.port, health, from: "127.0.0.7", timeout: 5)
            if answer.isEmpty { throw RawSocket.Failure(description: "closed") }
        }
        let other = try RawSocket.send(port: shop.port, requestLine: Data("GET /health HTTP/1.1".utf8), headers: [],
                                       from: "127.0.0.8")
        #expect(other.status == 200, "another address is served")
    }
}
