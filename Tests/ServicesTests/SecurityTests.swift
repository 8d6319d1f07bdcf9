import Foundation
import Testing
@testable import StoreServices

private func hex(_ data: Data) -> String { data.map { String(format: "%02x", $0) }.joined() }

@Suite struct SecurityPrimitivesTests {
    @Test func hmacMatchesRFC4231() {
        let mac = Crypto.hmacSHA256(key: Data("Jefe".utf8), message: "what do ya want for nothing?")
        #expect(hex(mac) == "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843")
    }

    @Test func pbkdf2MatchesRFC7914() throws {
        let derived = try Crypto.pbkdf2SHA256(password: "passwd", salt: Data("salt".utf8), iterations: 1, length: 64)
        #expect(hex(derived) == "55ac046e56e3089fec1691c22544b605f94185216dde0465e68b9d57c20dacbc"
                              + "49ca9cccf179b645991664b39d77ef317c71b845b1e30bd509112041d3a19783")
    }

    @Test func randomBytesDiffer() {
        let a = Crypto.randomBytes(16), b = Crypto.randomBytes(16)
        #expect(a.count == 16)
        #expect(a != b)
    }

    @Test func constantTimeCompare() {
        #expect(Crypto.constantTimeEquals(Data([1, 2, 3]), Data([1, 2, 3])))
        #expect(!Crypto.constantTimeEquals(Data([1, 2, 3]), Data([1, 2, 4])))
        #expect(!Crypto.constantTimeEquals(Data([1, 2]), Data([1, 2, 3])))
    }

    @Test func base64urlRoundTripsWithoutPadding() {
        for length in 0..<40 {
            let data = Crypto.randomBytes(length)
            let text = Base64URL.encode(data)
            #expect(!text.contains("=") && !text.contains("+") && !text.contains("/"))
            #expect(Base64URL.decode(text) == data)
        }
        #expect(Base64URL.decode("a+b") == nil)
    }
}

@Suite struct PasswordHasherTests {
    let hasher = PasswordHasher(iterations: 1_000)

    @Test func verifiesTheRightPasswordOnly() throws {
        let stored = try hasher.hash("correct horse")
        #expect(stored.hasPrefix("pbkdf2_sha256$1000$"))
        #expect(!stored.contains("correct horse"))
        #expect(hasher.verify("correct horse", against: stored))
        #expect(!hasher.verify("correct horsE", against: stored))
        #expect(!hasher.verify("", against: stored))
    }

    @Test func saltsEachHash() throws {
        #expect(try hasher.hash("same password") != hasher.hash("same password"))
    }

    @Test func verifiesWithTheStoredIterationCount() throws {
        let stored = try PasswordHasher(iterations: 500).hash("secret-password")
        #expect(hasher.verify("secret-password", against: stored))
    }

    @Test func defaultIsSlow() {
        #expect(PasswordHasher().iterations >= 210_000)
    }

    @Test func rejectsMalformedStoredValues() {
        #expect(!hasher.verify("x", against: "garbage"))
        #expect(!hasher.verify("x", against: "pbkdf2_sha256$0$AA$AA"))
    }
}

@Suite struct TokenTests {
    private func tempDir() -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("sec-\(UUID().uuidString)")
        try! FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    @Test func signingKeyIsCreatedPrivateAndReused() throws {
        let dir = tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let first = try SigningKey.loadOrCreate(in: dir)
        let second = try SigningKey.loadOrCreate(in: dir)
        #expect(first.master.count == 32)
        #expect(first.master == second.master)
        let attributes = try FileManager.default.attributesOfItem(atPath: dir.appendingPathComponent(SigningKey.fileName).path)
        #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o600)
        #expect(first.derived(for: "session") != first.derived(for: "payment-intent"))
    }

    @Test func sessionTokenRoundTripsAndExpires() throws {
        let tokens = SessionTokens(key: SigningKey(master: Crypto.randomBytes(32)), lifetime: 60)
        let user = AuthenticatedUser(id: "ann@example.com", email: "ann@example.com")
        let now = Date()
        let issued = try tokens.issue(for: user, now: now)
        #expect(issued.expiresAt == Int(now.timeIntervalSince1970) + 60)
        #expect(tokens.verify(issued.token, now: now) == user)
        #expect(tokens.verify(authorization: "Bearer " + issued.token, now: now) == user)
        #expect(tokens.verify(issued.token, now: now.addingTimeInterval(61)) == nil)
    }

    @Test func rejectsTamperedForeignAndMalformedTokens() throws {
        let key = SigningKey(master: Crypto.randomBytes(32))
        let tokens = SessionTokens(key: key)
        let token = try tokens.issue(for: AuthenticatedUser(id: "a@b.c", email: "a@b.c")).token
        let parts = token.split(separator: ".").map(String.init)
        let forgedPayload = Base64URL.encode(Data(#"{"email":"x@y.z","exp":9999999999,"iat":0,"sub":"x@y.z","typ":"session"}"#.utf8))
        #expect(tokens.verify(parts[0] + "." + forgedPayload + "." + parts[2]) == nil)
        #expect(tokens.verify(parts[0] + "." + parts[1] + ".") == nil)
        #expect(tokens.verify("not-a-token") == nil)
        #expect(SessionTokens(key: SigningKey(master: Crypto.randomBytes(32))).verify(token) == nil)
        // A token signed for another purpose with the same master key does not pass as a session.
        let otherPurpose = try JWT(key: key.derived(for: "payment-intent")).sign(
            SessionClaims(sub: "a@b.c", email: "a@b.c", iat: 0, exp: 9_999_999_999, typ: "session"))
        #expect(tokens.verify(otherPurpose) == nil)
        #expect(tokens.verify(authorization: "Basic abc") == nil)
        #expect(tokens.verify(authorization: nil) == nil)
    }
}
