import Foundation
import Testing
@testable import StoreCore

@Test func addressDecodesWithoutOptionalParts() throws {
    let json = #"{"name":"Ana","line1":"1 Queen St","city":"Auckland","postcode":"1010"}"#
    let address = try JSONDecoder().decode(Address.self, from: Data(json.utf8))
    #expect(address.line2 == "")
    #expect(address.country == "New Zealand")
    #expect(address.lines == ["Ana", "1 Queen St", "Auckland 1010", "New Zealand"])
}

@Test func addressWithoutACityIsRefused() {
    let json = #"{"name":"Ana","line1":"1 Queen St","postcode":"1010"}"#
    #expect(throws: DecodingError.self) { try JSONDecoder().decode(Address.self, from: Data(json.utf8)) }
}
