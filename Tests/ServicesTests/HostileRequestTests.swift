import Foundation
import Testing
import StoreWire
@testable import StoreServices
import TestSupport

/// Hostile numbers, shapes, content types and raw HTTP: never a 5xx, never a
/// dropped connection, the shop serving after each, and a JSON error envelope
/// for every request that reaches the services.
@Suite(.serialized) struct HostileRequestTests {
    static let outOfRangeIntegers = ["9223372036854775808", "-9223372036854775809", "1e400", "-1e400",
                                     "18446744073709551616", "1e19", "2.5", #""3""#, #""\u0663""#, "true", "null", "[1]"]

    @Test func numbersAtAndPastInt64AreAnsweredWithoutTrapping() throws {
        let hostile = try HostileShop(); defer { hostile.stop() }
        let digital = try CatalogueSample(hostile.shop).digital
        let line = "/cart/v1/carts/\(hostile.cartID)/items/\(digital.id)"
        for token in Self.outOfRangeIntegers + ["9223372036854775807", "-9223372036854775808", "100", "-1"] {
            let answer = try hostile.send("PUT", line, json: #"{"quantity": \#(token)}"#)
            try hostile.expect(answer, .clientError, param: "quantity", "quantity \(token)")
            #expect(answer.status == 422 || answer.status == 400, "quantity \(token): \(answer.text)")
        }
        for token in ["-0", "1.0", "0", "99", "1e1"] {
            let answer = try hostile.send("PUT", line, json: #"{"quantity": \#(token)}"#)
            try hostile.expect(answer, .notRefusedAsText, param: "quantity", "quantity \(token)")
            #expect(answer.status == 200 || answer.status == 422, "quantity \(token): \(answer.text)")
        }

        let intent = try hostile.intent
        for field in ["expMonth", "expYear"] {
            for token in Self.outOfRangeIntegers + ["9223372036854775807", "-9223372036854775808", "0", "-0"] {
                var card: [String: String] = ["number": #""4000000000000002""#, "expMonth": "12", "expYear": "2099",
                                              "cvc": #""123""#, "name": #""Ann""#]
                card[field] = token
                let cardJSON = card.map { "\"\($0.key)\": \($0.value)" }.joined(separator: ", ")
                let body = #"{"clientSecret": "\#(intent.clientSecret)", "card": {\#(cardJSON)}}"#
                let answer = try hostile.send("POST", "/payment/v1/payment-intents/\(intent.id)/confirm", json: body)
                try hostile.expect(answer, .clientError, param: "card.\(field)", "card.\(field) \(token)")
            }
        }
        for name in ["limit", "offset"] {
            for value in ["9223372036854775808", "-9223372036854775809", "1e3", "-1", "%D9%A3", "0x10", ""] {
                let answer = try hostile.send("GET", "/product/v1/products?\(name)=\(value)")
                try hostile.expect(answer, .clientError, param: name, "\(name)=\(value)")
            }
        }
        for search in ["", "&q=dune", "&q=e", "&q=kar", "&q=%E4%BD%93", "&q=dune&category=BOOKS"] {
            let far = try hostile.send("GET", "/product/v1/products?offset=9223372036854775807&limit=100" + search)
            #expect(far.status == 200, "\(search): \(far.text)")
        }
        #expect(try hostile.shopper.order(hostile.order.id).status == .pendingPayment)
    }

    @Test func deepNestingAndDuplicateKeysAreAnsweredWithoutTrapping() throws {
        let hostile = try HostileShop(); defer { hostile.stop() }
        let line = "/cart/v1/carts/\(hostile.cartID)/items/\(hostile.product.id)"
        let depth = 10_000
        let bodies = [
            String(repeating: "[", count: depth),
            String(repeating: "[", count: depth) + String(repeating: "]", count: depth),
            String(repeating: #"{"a":"#, count: depth) + "1" + String(repeating: "}", count: depth),
            #"{"quantity": "# + String(repeating: "[", count: depth) + String(repeating: "]", count: depth) + "}",
            #"{"quantity": 1, "nested": "# + String(repeating: "[", count: 600) + String(repeating: "]", count: 600) + "}",
        ]
        for body in bodies {
            let answer = try hostile.send("PUT", line, json: body)
            try hostile.expect(answer, .clientError, param: "quantity", "nesting \(body.prefix(12))… (\(body.count) bytes)")
        }

        let duplicated = try hostile.send("PUT", line, json: #"{"quantity": 1, "quantity": 2}"#)
        try hostile.expect(duplicated, .notRefusedAsText, param: "quantity", "duplicate quantity")
        let signUps = [
            #"{"email": "dup-a@example.com", "email": "dup\u0000@example.com", "password": "long-enough-pw", "name": "D", "address": {"name": "D", "line1": "1 St", "city": "Akl", "postcode": "1"}}"#,
            #"{"email": "dup\u0000@example.com", "email": "dup-b@example.com", "password": "long-enough-pw", "name": "D", "address": {"name": "D", "line1": "1 St", "city": "Akl", "postcode": "1"}}"#,
            #"{"email": "dup-c@example.com", "password": "long-enough-pw", "name": "D", "name": "D\u0007", "address": {"name": "D", "line1": "1 St", "city": "Akl", "postcode": "1"}}"#,
        ]
        for body in signUps {
            let answer = try hostile.send("POST", "/user/v1/users", json: body, authenticated: false)
            // Whichever value the decoder keeps is the one checked: a clean one is used, a NUL refused.
            #expect(answer.status == 201 || answer.serviceError?.code == "invalid_characters", "\(answer.text.prefix(200))")
            try hostile.expectServing("duplicate keys")
        }
        try HostileInputTests.expectNoRefusedTextStored(hostile.shop)
    }

    @Test func bodiesThatDoNotSayTheyAreJSONAre415() throws {
        let hostile = try HostileShop(); defer { hostile.stop() }
        let line = "/cart/v1/carts/\(hostile.cartID)/items/\(hostile.product.id)"
        let json = #"{"quantity": 1}"#
        for type in ["text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x",
                     "application/xml", "application/jsonx", "json", ""] {
            let answer = try hostile.send("PUT", line, headers: [("Content-Type", type)], json: json)
            try hostile.expect(answer, .clientError, param: "Content-Type", "Content-Type \(type)")
            #expect(answer.status == 415 && answer.serviceError?.code == "unsupported_media_type", "\(type): \(answer.text)")
        }
        let form = try RawSocket.send(port: hostile.shop.port, requestLine: Data("PUT \(line) HTTP/1.1".utf8), headers: [],
                                      body: Data("quantity=1".utf8))
        try hostile.expect(form, .clientError, param: "Content-Type", "no Content-Type")
        #expect(form.status == 415)
        let multipart = "--x\r\nContent-Disposition: form-data; name=\"quantity\"\r\n\r\n1\r\n--x--\r\n"
        let parts = try hostile.send("PUT", line, headers: [("Content-Type", "multipart/form-data; boundary=x")], json: multipart)
        #expect(parts.status == 415)
        for type in ["application/json", "application/json; charset=utf-8", "Application/JSON", "application/merge-patch+json"] {
            let answer = try hostile.send("PUT", line, headers: [("Content-Type", type)], json: json)
            #expect(answer.status == 200, "\(type): \(answer.text)")
        }
        // A body on a GET is ignored, whatever it says it is.
        for type in ["text/plain", "application/json"] {
            let answer = try hostile.send("GET", "/product/v1/categories", headers: [("Content-Type", type)], json: "\u{0}\u{1}garbage")
            #expect(answer.status == 200, "GET with a \(type) body: \(answer.text.prefix(200))")
            try hostile.expectServing("GET with a body")
        }
    }

    /// Requests libmicrohttpd refuses before the services see them (a line it
    /// cannot parse, headers beyond the memory of a connection) get its own
    /// 4xx; everything else gets the JSON envelope. None drops the connection
    /// without an answer or stops the shop.
    @Test func manyHeadersWithinTheMemoryOfAConnectionAreServed() throws {
        let hostile = try HostileShop(); defer { hostile.stop() }
        // libmicrohttpd keeps each header's line and a record of it (some 60 bytes) in the connection's memory.
        let headers = (0..<HostConfiguration().connectionMemoryLimit / 128).map { ("X-H\($0)", Data("v".utf8)) }
        let answer = try RawSocket.send(port: hostile.shop.port, requestLine: Data("GET /product/v1/categories HTTP/1.1".utf8),
                                        headers: headers)
        #expect(answer.status == 200)
    }

    @Test func rawProtocolAbuseIsAnsweredAndTheShopServesOn() throws {
        let hostile = try HostileShop(); defer { hostile.stop() }
        let port = hostile.shop.port
        let token = hostile.shopper.session.token
        let cases: [(String, Data, [(String, Data)], Bool)] = [
            ("NUL in the request target", Data("GET /cart/v1/carts/a".utf8) + Data([0]) + Data("b HTTP/1.1".utf8), [], false),
            ("control byte in a header value", Data("GET /user/v1/users/me HTTP/1.1".utf8),
             [("Authorization", Data("Bearer ".utf8) + Data([1]) + Data(token.utf8))], true),
            ("bare LF in a header value", Data("GET /user/v1/users/me HTTP/1.1".utf8),
             [("Authorization", Data("Bearer a\nb".utf8))], false),
            ("invalid UTF-8 in a header value", Data("GET /user/v1/users/me HTTP/1.1".utf8),
             [("Authorization", Data("Bearer ".utf8) + Data([0xFF, 0xFE]))], true),
            ("a 200 KiB header", Data("GET /product/v1/categories HTTP/1.1".utf8),
             [("X-Padding", Data(String(repeating: "p", count: 200 * 1024).utf8))], false),
            ("a 100k Authorization header", Data("GET /user/v1/users/me HTTP/1.1".utf8),
             [("Authorization", Data(("Bearer " + String(repeating: "t", count: 100_000)).utf8))], false),
            ("percent-encoded NUL in a query name", Data("GET /product/v1/products?q%00=1 HTTP/1.1".utf8), [], true),
            ("unknown method", Data("BREW /product/v1/categories HTTP/1.1".utf8), [], true),
            ("no path", Data("GET  HTTP/1.1".utf8), [], false),
        ]
        // libmicrohttpd 0.9.75 ends a header value at a raw NUL byte before the
        // services see it, so only what precedes the NUL is used: the valid token here.
        let nul = try RawSocket.send(port: port, requestLine: Data("GET /user/v1/users/me HTTP/1.1".utf8),
                                     headers: [("Authorization", Data("Bearer \(token)".utf8) + Data([0]) + Data("x".utf8))])
        #expect(nul.status == 200 || (400..<500).contains(nul.status), "NUL in a header value: \(nul.status)")
        try hostile.expectServing("NUL in a header value")
        for (label, line, headers, reachesTheServices) in cases {
            let answer = try RawSocket.send(port: port, requestLine: line, headers: headers)
            #expect((400..<500).contains(answer.status), "\(label): \(answer.status) \(answer.text.prefix(200))")
            if reachesTheServices {
                #expect(answer.serviceError != nil, "\(label): not the JSON envelope: \(answer.text.prefix(200))")
            }
            try hostile.expectServing(label)
        }
    }
}
