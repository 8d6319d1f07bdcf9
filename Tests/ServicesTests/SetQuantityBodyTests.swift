import Foundation
import Testing
@testable import StoreServices

/// The quantity body read without the decoder reads what the decoder reads,
/// and every other body is left to the decoder, errors and all.
@Suite struct SetQuantityBodyTests {
    @Test(arguments: [#"{"quantity": 2}"#, #"{"quantity":0}"#, "{\n  \"quantity\" : 99\r\n}\t", #" {"quantity": 7} "#,
                      #"{"quantity": 1234}"#])
    func aPlainBodyIsReadDirectlyAsTheDecoderReadsIt(body: String) throws {
        let direct = Data(body.utf8).withUnsafeBytes { SetQuantityBody.plainQuantity(in: $0) }
        #expect(direct != nil, "read directly")
        #expect(direct == (try JSONBody.decode(SetQuantityBody.self, from: Data(body.utf8)).quantity))
    }

    @Test(arguments: [#"{"quantity": 02}"#, #"{"quantity": -1}"#, #"{"quantity": 2.0}"#, #"{"quantity": 2e1}"#,
                      #"{"quantity": 12345}"#, #"{"quantity": 2, "quantity": 3}"#, #"{"quantity": 2,}"#,
                      #"{"quantity": 2}}"#, #"{"quantity": "2"}"#, #"{"Quantity": 2}"#, #"{"quantity": }"#,
                      #"{"quantity" 2}"#, #"[{"quantity": 2}]"#, "", "{", #"{"quantity": 2} x"#])
    func anyOtherBodyIsLeftToTheDecoder(body: String) throws {
        #expect(Data(body.utf8).withUnsafeBytes { SetQuantityBody.plainQuantity(in: $0) } == nil)
        let read = Result { try SetQuantityBody.read(Data(body.utf8)).quantity }
        let decoded = Result { try JSONBody.decode(SetQuantityBody.self, from: Data(body.utf8)).quantity }
        switch (read, decoded) {
        case (.success(let a), .success(let b)): #expect(a == b)
        case (.failure(let a as HTTPError), .failure(let b as HTTPError)): #expect(a == b)
        default: Issue.record("\(body): read \(read), decoded \(decoded)")
        }
    }
}
