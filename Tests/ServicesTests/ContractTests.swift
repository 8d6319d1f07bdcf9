import Foundation
import Testing
import StoreServices
import TestSupport

/// The published contract (`api/openapi.json`) against the services as they are.
@Suite struct ContractTests {
    @Test func everyRouteIsDocumentedAndEveryDocumentedOperationIsARoute() throws {
        let contract = try OpenAPIContract()
        let shop = try TestStore(options: TestStore.fastOptions)
        defer { shop.stop() }
        let routes = Set(shop.store.router.endpoints.map {
            OpenAPIContract.Operation(method: $0.method, path: OpenAPIContract.path(fromPattern: $0.pattern))
        })
        let documented = Set(contract.operations)
        #expect(routes.count == shop.store.router.endpoints.count, "a route is registered twice")
        #expect(routes.subtracting(documented).map { $0.description }.sorted() == [String](), "routes the document lacks")
        #expect(documented.subtracting(routes).map { $0.description }.sorted() == [String](), "documented operations with no route")
    }

    @Test func theServedDocumentIsTheFileInTheRepository() throws {
        let contract = try OpenAPIContract()
        let shop = try TestStore(options: TestStore.fastOptions)
        defer { shop.stop() }
        let answer = try shop.send("GET", "/openapi.json")
        #expect(answer.status == 200)
        #expect(answer.header("content-type")?.hasPrefix("application/json") == true)
        #expect(answer.body == contract.data)
    }

    @Test func everyReferenceInTheDocumentResolves() throws {
        let contract = try OpenAPIContract()
        #expect(contract.references.count > 20)
        for reference in Set(contract.references) {
            #expect(throws: Never.self, "\(reference)") { try contract.resolve(reference) }
        }
    }

    @Test func theValidatorRefusesWhatTheDocumentRulesOut() throws {
        let validator = SchemaValidator(try OpenAPIContract())
        func problems(_ json: String, _ schema: [String: Any]) throws -> [String] {
            validator.problems(try JSONSerialization.jsonObject(with: Data(json.utf8), options: [.fragmentsAllowed]), schema)
        }
        #expect(try problems("null", ["type": ["string", "null"]]) == [])
        #expect(try problems("null", ["type": "string"]).count == 1)
        #expect(try problems("true", ["type": "integer"]).count == 1)
        #expect(try problems("1", ["type": "boolean"]).count == 1)
        #expect(try problems("1.5", ["type": "integer"]).count == 1)
        #expect(try problems("100", ["type": "integer", "minimum": 0, "maximum": 99]).count == 1)
        #expect(try problems(#""abcd""#, ["type": "string", "maxLength": 3]).count == 1)
        #expect(try problems(#""PAID""#, ["$ref": "#/components/schemas/OrderStatus"]) == [])
        #expect(try problems(#""PAYED""#, ["$ref": "#/components/schemas/OrderStatus"]).count == 1)
        #expect(try problems(#"{"amount": 5}"#, ["$ref": "#/components/schemas/Money"]) == ["$.currency: required but missing"])
        #expect(try problems(#"[{"amount": "5", "currency": "NZD"}]"#,
                             ["type": "array", "items": ["$ref": "#/components/schemas/Money"]]) == ["$[0].amount: string where integer is documented"])
    }
}
