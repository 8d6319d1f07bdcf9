import Foundation
import Testing
import StoreWire
@testable import StoreServices
import TestSupport

/// The user service over real HTTP: sign-up rules, sign-in, `me` and tokens.
@Suite struct UserServiceTests {
    private func signUpJSON(email: String = "ann@example.com", password: String = "long-enough",
                            name: String = "Ann", city: String = "Auckland") -> String {
        let address = Address(name: "Ann", line1: "1 Queen St", city: city, postcode: "1010")
        let request = SignUpRequest(email: email, password: password, name: name, address: address)
        return String(decoding: try! JSONEncoder().encode(request), as: UTF8.self)
    }

    @Test func signUpNormalisesTheEmailAndReturnsAWorkingSession() throws {
        let shop = try commerceShop(); defer { shop.stop() }
        let answer = try shop.send("POST", "/user/v1/users", json: signUpJSON(email: "  Ann.Lee@Example.COM "))
        #expect(answer.status == 201, "\(answer.text)")
        let session = try answer.decode(Session.self)
        #expect(session.user.id == "ann.lee@example.com" && session.user.email == "ann.lee@example.com")
        #expect(session.user.address?.city == "Auckland")
        let now = Int(Date().timeIntervalSince1970)
        #expect(session.expiresAt > now + 3600 && session.expiresAt <= now + 13 * 3600)
        #expect(session.token.split(separator: ".").count == 3)

        let me = try shop.send("GET", "/user/v1/users/me", headers: ["Authorization": "Bearer \(session.token)"])
        #expect(me.status == 200)
        #expect(try me.decode(User.self) == session.user)
    }

    @Test func aTakenEmailIsAConflictWhateverItsCase() throws {
        let shop = try commerceShop(); defer { shop.stop() }
        #expect(try shop.send("POST", "/user/v1/users", json: signUpJSON()).status == 201)
        let again = try shop.send("POST", "/user/v1/users", json: signUpJSON(email: "ANN@example.com "))
        #expect(again.status == 409)
        #expect(again.serviceError?.code == "email_taken" && again.serviceError?.param == "email")
    }

    @Test func brokenRulesAre422NamingTheField() throws {
        let shop = try commerceShop(); defer { shop.stop() }
        let cases: [(String, String)] = [
            (signUpJSON(password: "short7c"), "password"),
            (signUpJSON(name: "   "), "name"),
            (signUpJSON(email: "not-an-email"), "email"),
            (signUpJSON(email: " "), "email"),
            (signUpJSON(city: ""), "address.city"),
            (#"{"password": "long-enough", "name": "Ann", "address": {"name": "A", "line1": "1", "line2": "", "city": "C", "postcode": "1", "country": "NZ"}}"#, "email"),
            (#"{"email": "a@b.co", "password": "long-enough", "name": "Ann"}"#, "address"),
        ]
        for (body, field) in cases {
            let answer = try shop.send("POST", "/user/v1/users", json: body)
            #expect(answer.status == 422, "\(field): \(answer.text)")
            #expect(answer.serviceError?.param == field, "\(answer.text)")
        }
        #expect(try shop.send("POST", "/user/v1/users", json: "{not json").status == 400)
    }

    @Test func signInGivesOneGenericAnswerForAnyBadCredential() throws {
        let shop = try commerceShop(); defer { shop.stop() }
        #expect(try shop.send("POST", "/user/v1/users", json: signUpJSON()).status == 201)
        let good = try shop.send("POST", "/user/v1/sessions", json: #"{"email": " ANN@example.com", "password": "long-enough"}"#)
        #expect(good.status == 200, "\(good.text)")
        #expect(try good.decode(Session.self).user.email == "ann@example.com")

        let wrongPassword = try shop.send("POST", "/user/v1/sessions", json: #"{"email": "ann@example.com", "password": "long-enougH"}"#)
        let unknownEmail = try shop.send("POST", "/user/v1/sessions", json: #"{"email": "bob@example.com", "password": "long-enough"}"#)
        for answer in [wrongPassword, unknownEmail] {
            #expect(answer.status == 401)
            #expect(answer.serviceError?.message == "Email or password is incorrect.")
        }
        #expect(wrongPassword.text == unknownEmail.text)
    }

    @Test func theDemoAccountIsSeeded() throws {
        let shop = try commerceShop(); defer { shop.stop() }
        let answer = try shop.send("POST", "/user/v1/sessions", json: #"{"email": "demo@betterstore.test", "password": "betterdemo"}"#)
        #expect(answer.status == 200, "\(answer.text)")
        let user = try answer.decode(Session.self).user
        #expect(user.name == "Demo Shopper" && user.address?.city == "Auckland")
    }

    @Test func meNeedsAValidUnexpiredToken() throws {
        let shop = try commerceShop(); defer { shop.stop() }
        let session = try shop.send("POST", "/user/v1/users", json: signUpJSON()).decode(Session.self)
        let key = try SigningKey.loadOrCreate(in: shop.dataDirectory)
        let expired = try SessionTokens(key: key, lifetime: 60)
            .issue(for: AuthenticatedUser(id: session.user.id, email: session.user.email), now: Date().addingTimeInterval(-120)).token
        let forged = try SessionTokens(key: SigningKey(master: Crypto.randomBytes(32)))
            .issue(for: AuthenticatedUser(id: session.user.id, email: session.user.email)).token
        let tampered = String(session.token.dropLast(2)) + (session.token.hasSuffix("AA") ? "BB" : "AA")
        for headers in [[:], ["Authorization": "Bearer \(expired)"], ["Authorization": "Bearer \(forged)"],
                        ["Authorization": "Bearer \(tampered)"], ["Authorization": "Bearer"], ["Authorization": session.token]] {
            let answer = try shop.send("GET", "/user/v1/users/me", headers: headers)
            #expect(answer.status == 401, "\(headers): \(answer.text)")
            #expect(answer.serviceError?.type == "authentication_error")
        }
    }

    @Test func passwordsAreStoredOnlyAsSaltedHashes() throws {
        let shop = try commerceShop(); defer { shop.stop() }
        #expect(try shop.send("POST", "/user/v1/users", json: signUpJSON(email: "a@example.com", password: "same-password-1")).status == 201)
        #expect(try shop.send("POST", "/user/v1/users", json: signUpJSON(email: "b@example.com", password: "same-password-1")).status == 201)
        let database = try SQLiteDatabase(url: shop.dataDirectory.appendingPathComponent(UserStore.fileName))
        defer { database.close() }
        let hashes = try database.query("SELECT password_hash FROM users WHERE email IN ('a@example.com', 'b@example.com')")
            .map { $0.string("password_hash") }
        #expect(hashes.count == 2)
        #expect(hashes.allSatisfy { $0.hasPrefix("pbkdf2_sha256$1000$") && !$0.contains("same-password-1") })
        #expect(hashes[0] != hashes[1])
    }

    @Test func theSigningKeySurvivesARestart() throws {
        let shop = try commerceShop(); defer { shop.stop() }
        let session = try shop.send("POST", "/user/v1/users", json: signUpJSON()).decode(Session.self)
        try shop.restart()
        let me = try shop.send("GET", "/user/v1/users/me", headers: ["Authorization": "Bearer \(session.token)"])
        #expect(me.status == 200, "\(me.text)")
        let attributes = try FileManager.default.attributesOfItem(atPath: shop.dataDirectory.appendingPathComponent(SigningKey.fileName).path)
        #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o600)
    }
}
