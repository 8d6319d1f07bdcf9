import Foundation
import Testing
import StoreWire
@testable import StoreServices
import TestSupport

/// What a hostile value must get.
enum HostileExpectation: CustomStringConvertible {
    /// 400 with this error code, naming the field.
    case refused(String)
    /// Any 4xx error envelope (e.g. JSON the decoder refuses before any field is read).
    case clientError
    /// Not refused by the text rules: any answer but a 5xx, and never `invalid_characters` or `too_long`.
    case notRefusedAsText

    var description: String {
        switch self {
        case .refused(let code): return "400 \(code)"
        case .clientError: return "4xx"
        case .notRefusedAsText: return "not refused as text"
        }
    }
}

/// One hostile value: the JSON token that carries it in a body, and the text
/// it stands for in a path, query or header (nil when it has no text form,
/// such as a lone surrogate that only exists as a JSON escape).
struct HostilePayload {
    let label: String
    let jsonToken: String
    let text: String?
    let expectation: HostileExpectation

    static func text(_ label: String, _ value: String, _ expectation: HostileExpectation) -> HostilePayload {
        HostilePayload(label: label, jsonToken: jsonToken(for: value), text: value, expectation: expectation)
    }

    static func rawJSON(_ label: String, _ token: String, _ expectation: HostileExpectation) -> HostilePayload {
        HostilePayload(label: label, jsonToken: token, text: nil, expectation: expectation)
    }

    static func jsonToken(for value: String) -> String {
        let data = (try? JSONSerialization.data(withJSONObject: value, options: [.fragmentsAllowed])) ?? Data()
        return String(decoding: data, as: UTF8.self)
    }

    /// Every control character class, lengths at and past a field's limit, JSON
    /// escapes no string can hold, and unusual but harmless text.
    static func forText(limit: Int) -> [HostilePayload] {
        let controls: [(String, String)] = [
            ("NUL", "\u{0}"), ("SOH", "\u{1}"), ("tab", "\t"), ("newline", "\n"), ("return", "\r"), ("escape", "\u{1B}[31m"),
            ("DEL", "\u{7F}"), ("C1 PAD", "\u{80}"), ("NEL", "\u{85}"), ("CSI", "\u{9B}"), ("line separator", "\u{2028}"),
            ("paragraph separator", "\u{2029}"),
        ]
        var payloads = controls.map { text("\($0.0) inside", "ab\($0.1)cd", .refused("invalid_characters")) }
        payloads += [
            text("NUL first", "\u{0}ab", .refused("invalid_characters")),
            text("NUL last", "ab\u{0}", .refused("invalid_characters")),
            text("one over the limit", String(repeating: "a", count: limit + 1), .refused("too_long")),
            text("one character of limit+1 code points",
                 "a" + String(repeating: "\u{301}", count: limit), .refused("too_long")),
            text("100k characters", String(repeating: "x", count: 100_000), .refused("too_long")),
            rawJSON("lone high surrogate", #""ab\ud800cd""#, .clientError),
            rawJSON("lone low surrogate", #""\udc00""#, .clientError),
            rawJSON("escaped NUL", #""ab\u0000cd""#, .refused("invalid_characters")),
            rawJSON("number instead of text", "12345", .clientError),
            rawJSON("object instead of text", #"{"a": "b"}"#, .clientError),
            text("right-to-left marks", "\u{200F}\u{05D0}\u{05D1}\u{200E}", .notRefusedAsText),
            text("right-to-left override", "\u{202E}txt.exe", .notRefusedAsText),
            text("combining marks", "e\u{301}\u{308}", .notRefusedAsText),
            text("digits of other scripts", "\u{0664}\u{096A}\u{FF14}\u{1D7DC}\u{2074}", .notRefusedAsText),
            text("emoji", "\u{1F600}\u{1F1F3}\u{1F1FF}", .notRefusedAsText),
        ]
        // Harmless text longer than a short field's limit is refused for its length.
        return payloads.map { payload in
            guard case .notRefusedAsText = payload.expectation, let text = payload.text,
                  text.unicodeScalars.count > limit else { return payload }
            return HostilePayload(label: payload.label, jsonToken: payload.jsonToken, text: text,
                                  expectation: .refused("too_long"))
        }
    }

    /// Card numbers that a browser could send and that are not ASCII digits.
    static let lookalikeCardNumbers: [HostilePayload] = [
        ("digit with combining acute", "4\u{301}242424242424242"),
        ("Arabic-Indic", "\u{0664}\u{0662}\u{0664}\u{0662}\u{0664}\u{0662}\u{0664}\u{0662}\u{0664}\u{0662}\u{0664}\u{0662}\u{0664}\u{0662}\u{0664}\u{0662}"),
        ("extended Arabic-Indic", "424242424242424\u{06F2}"),
        ("Devanagari", "\u{096A}242424242424242"),
        ("fullwidth", "\u{FF14}\u{FF12}42424242424242"),
        ("mathematical bold", "424242424242424\u{1D7D0}"),
        ("superscript", "\u{2074}242424242424242"),
        ("circled", "\u{2463}242424242424242"),
        ("keycap", "4\u{20E3}242424242424242"),
    ].map { text($0.0, $0.1, .refused("invalid_number")) }
}

/// A shop with a signed-in shopper, an anonymous cart and an order awaiting
/// payment: every route can be reached past its authentication and lookups.
struct HostileShop {
    let shop: TestStore
    let shopper: Shopper
    let cartID: String
    let order: Order
    let product: Product

    init() throws {
        shop = try commerceShop()
        let sample = try CatalogueSample(shop)
        product = sample.physical
        shopper = try Shopper.signUp(shop)
        order = try shopper.placeOrder([(sample.physical.id, 1)])
        cartID = try shop.send("POST", "/cart/v1/carts").decode(Cart.self).id
    }

    func stop() { shop.stop() }

    var intent: PaymentIntent {
        get throws { try #require(order.paymentIntent) }
    }

    /// Sends over a raw connection; `path` is sent as is (already percent-encoded).
    func send(_ method: String, _ path: String, headers: [(String, String)] = [], json: String? = nil,
              authenticated: Bool = true) throws -> RawResponse {
        var all = headers.map { ($0.0, Data($0.1.utf8)) }
        if authenticated, !headers.contains(where: { $0.0 == "Authorization" }) {
            all.append(("Authorization", Data("Bearer \(shopper.session.token)".utf8)))
        }
        if json != nil, !headers.contains(where: { $0.0 == "Content-Type" }) {
            all.append(("Content-Type", Data("application/json".utf8)))
        }
        return try RawSocket.send(port: shop.port, requestLine: Data("\(method) \(path) HTTP/1.1".utf8),
                                  headers: all, body: Data((json ?? "").utf8))
    }

    /// Every byte but the unreserved ASCII ones as %XX.
    static func percentEncoded(_ text: String) -> String {
        text.utf8.map { byte -> String in
            let scalar = Unicode.Scalar(byte)
            if byte < 0x80, scalar.properties.isAlphabetic || ("0"..."9").contains(Character(scalar)) || "-._~".contains(Character(scalar)) {
                return String(Character(scalar))
            }
            return String(format: "%%%02X", byte)
        }.joined()
    }

    /// Checks the answer against the expectation and that the shop still serves.
    func expect(_ answer: RawResponse, _ expectation: HostileExpectation, param: String, _ what: String) throws {
        let error = answer.serviceError
        #expect(answer.status < 500, "\(what): \(answer.status) \(answer.text.prefix(300))")
        #expect(answer.header("content-type")?.hasPrefix("application/json") == true, "\(what): not JSON")
        switch expectation {
        case .refused(let code):
            #expect(answer.status == 400 && error?.code == code && error?.param == param,
                    "\(what): expected 400 \(code) naming \(param), got \(answer.status) \(answer.text.prefix(300))")
            #expect(error?.type == "invalid_request_error", "\(what)")
        case .clientError:
            #expect((400..<500).contains(answer.status) && error != nil,
                    "\(what): expected a 4xx envelope, got \(answer.status) \(answer.text.prefix(300))")
        case .notRefusedAsText:
            #expect(error?.code != "invalid_characters" && error?.code != "too_long",
                    "\(what): refused as text: \(answer.text.prefix(300))")
            if answer.status >= 300 { #expect(error != nil, "\(what): an error without the envelope") }
        }
        try expectServing(what)
    }

    /// As `expect`, for text sent in the request line or a header: text past
    /// the connection's memory is refused by libmicrohttpd itself (414 or 431,
    /// its own page) before the services see it, as the contract says.
    func expect(_ answer: RawResponse, _ expectation: HostileExpectation, sentInHead text: String, param: String,
                _ what: String) throws {
        guard text.utf8.count > HostConfiguration().connectionMemoryLimit else {
            return try expect(answer, expectation, param: param, what)
        }
        #expect([414, 431].contains(answer.status), "\(what): \(answer.status) \(answer.text.prefix(300))")
        try expectServing(what)
    }

    func expectServing(_ what: String) throws {
        let health = try RawSocket.send(port: shop.port, requestLine: Data("GET /health HTTP/1.1".utf8), headers: [])
        #expect(health.status == 200, "not serving after \(what)")
    }
}

/// A JSON object with one value replaced by a raw JSON token, at a dotted path.
struct JSONTemplate {
    let object: [String: Any]

    func with(_ path: String, token: String) throws -> String {
        let marker = "\u{E000}hostile\u{E000}"
        var copy = object
        Self.set(&copy, path.split(separator: ".").map(String.init), marker)
        let data = try JSONSerialization.data(withJSONObject: copy, options: [.sortedKeys])
        let text = String(decoding: data, as: UTF8.self)
        return text.replacingOccurrences(of: HostilePayload.jsonToken(for: marker), with: token)
    }

    private static func set(_ object: inout [String: Any], _ path: [String], _ value: Any) {
        guard let first = path.first else { return }
        if path.count == 1 { object[first] = value; return }
        var child = object[first] as? [String: Any] ?? [:]
        set(&child, Array(path.dropFirst()), value)
        object[first] = child
    }
}
