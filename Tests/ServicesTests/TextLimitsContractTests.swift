import Foundation
import Testing
import StoreWire
@testable import StoreServices
import TestSupport

/// The limits the services enforce (`TextLimits`, through each request's
/// `textFields`) are the `maxLength` values the contract publishes.
@Suite struct TextLimitsContractTests {
    static let address = Address(name: "A", line1: "1", city: "C", postcode: "1")
    static let card = CardDetails(number: "4242424242424242", expMonth: 12, expYear: 2099, cvc: "123", name: "A")

    /// Each request body's text fields with the schema that documents it.
    static let bodies: [(schema: String, fields: [TextField])] = [
        ("SignUpRequest", SignUpRequest(email: "a@b.c", password: "p", name: "n", address: address).textFields),
        ("SignInRequest", SignInRequest(email: "a@b.c", password: "p").textFields),
        ("CreateOrderRequest", CreateOrderRequest(cartId: "mine", deliveryAddress: address).textFields),
        ("ConfirmPaymentRequest", ConfirmPaymentRequest(clientSecret: "s", card: card).textFields),
        ("MergeCartRequest", MergeCartBody(cartId: "c").textFields),
        ("PaymentEvent", PaymentEvent(id: "i", type: "t", orderId: "o", userId: "u", attempt: "a",
                                      amount: Money(1), card: CardSummary(brand: .visa, last4: "4242")).textFields),
    ]

    @Test func everyBodyTextFieldHasTheDocumentedMaximumLength() throws {
        let contract = try OpenAPIContract()
        for (schemaName, fields) in Self.bodies {
            for field in fields {
                var schema = try contract.resolve("#/components/schemas/\(schemaName)")
                for part in field.name.split(separator: ".").map(String.init) {
                    let properties = try #require(schema["properties"] as? [String: Any], "\(schemaName).\(field.name)")
                    schema = try Self.resolved(try #require(properties[part] as? [String: Any], "\(schemaName).\(field.name)"),
                                               in: contract)
                }
                #expect(schema["maxLength"] as? Int == field.limit,
                        "\(schemaName).\(field.name): documented \(schema["maxLength"] ?? "nothing"), enforced \(field.limit)")
            }
        }
    }

    @Test func everyParameterHasTheDocumentedMaximumLength() throws {
        let contract = try OpenAPIContract()
        let paths = try #require(contract.document["paths"] as? [String: [String: Any]])
        var checked = 0
        for (path, operations) in paths {
            for (method, operation) in operations {
                guard let operation = operation as? [String: Any],
                      let parameters = operation["parameters"] as? [[String: Any]] else { continue }
                for parameter in parameters {
                    guard let name = parameter["name"] as? String, let schema = parameter["schema"] as? [String: Any],
                          schema["type"] as? String == "string" else { continue }
                    let expected: Int
                    switch (name, parameter["in"] as? String) {
                    case ("Idempotency-Key", "header"): expected = TextLimits.idempotencyKey
                    case ("q", "query"): expected = TextLimits.searchQuery
                    case ("id", "path") where path.hasPrefix("/payment/"): expected = TextLimits.paymentToken
                    default: expected = TextLimits.identifier
                    }
                    #expect(schema["maxLength"] as? Int == expected, "\(method.uppercased()) \(path) \(name)")
                    checked += 1
                }
            }
        }
        #expect(checked >= 14)
    }

    /// A property schema with its `$ref` (or single `allOf` reference) followed.
    static func resolved(_ schema: [String: Any], in contract: OpenAPIContract) throws -> [String: Any] {
        if let reference = schema["$ref"] as? String { return try contract.resolve(reference) }
        if let all = schema["allOf"] as? [[String: Any]], all.count == 1, let reference = all[0]["$ref"] as? String {
            return try contract.resolve(reference)
        }
        return schema
    }
}

extension TextLimitsContractTests {
    /// The limits `ProductRules` holds an imported product to are the ones the `Product` schema publishes.
    @Test func productLimitsAreTheDocumentedOnes() throws {
        let contract = try OpenAPIContract()
        let product = try #require(try contract.resolve("#/components/schemas/Product")["properties"] as? [String: [String: Any]])
        let attribute = try #require(try contract.resolve("#/components/schemas/ProductAttribute")["properties"] as? [String: [String: Any]])
        #expect(product["id"]?["maxLength"] as? Int == TextLimits.identifier)
        #expect(product["category"]?["maxLength"] as? Int == TextLimits.identifier)
        #expect(product["name"]?["maxLength"] as? Int == TextLimits.productName)
        #expect(product["description"]?["maxLength"] as? Int == TextLimits.productDescription)
        #expect(product["stock"]?["maximum"] as? Int == ProductRules.maxStock)
        #expect(product["attributes"]?["maxItems"] as? Int == ProductRules.maxAttributes)
        #expect(attribute["name"]?["maxLength"] as? Int == TextLimits.attributeName)
        #expect(attribute["value"]?["maxLength"] as? Int == TextLimits.attributeValue)
    }
}
