import Foundation
import Testing
import StoreWire
@testable import StoreServices

/// The quick reading of an import's line means what JSONDecoder reads in it, or leaves the line to it.
@Suite struct ProductLineDecoderTests {
    static let plain = #"{"id":"p0000001","name":"Doranlolo 三体 café","description":"Shidor.","category":"COMPUTERS","kind":"physical","price":{"amount":11823,"currency":"NZD"},"stock":185,"attributes":[{"name":"Maker","value":"夜空 Ixramista"},{"name":"Code","value":"0724249551714"}]}"#

    static func same(_ line: String) -> (quick: Product?, full: Product?) {
        let data = Data(line.utf8)
        return (ProductLineDecoder.decode(data), try? JSONDecoder().decode(Product.self, from: data))
    }

    @Test func plainLinesInAnyOrderAndSpacingAreReadQuicklyAndTheSame() throws {
        let reordered = #" { "stock" : 0 , "attributes" : [ ] , "kind":"digital","price":{ "currency":"EUR" ,"amount":-0},"category":"B","description":"","name":"x","id":"y" } "#
        for line in [Self.plain, reordered, #"{"id":"a","name":"b","description":"c","category":"D","kind":"physical","price":{"amount":-12,"currency":"NZD"},"stock":9223372036854775807,"attributes":[]}"#] {
            let (quick, full) = Self.same(line)
            #expect(quick != nil, "\(line) was left to JSONDecoder")
            #expect(quick == full, "\(line)")
        }
    }

    @Test func anythingUnusualIsLeftToJSONDecoder() throws {
        let variants = [
            Self.plain.replacingOccurrences(of: "Doranlolo", with: #"Dor\"an\u00e9lolo\/"#),
            Self.plain.replacingOccurrences(of: "11823", with: "11823.0"),
            Self.plain.replacingOccurrences(of: "11823", with: "1e3"),
            Self.plain.replacingOccurrences(of: "11823", with: "011823"),
            Self.plain.replacingOccurrences(of: "11823", with: "99999999999999999999"),
            Self.plain.replacingOccurrences(of: "11823", with: "\"11823\""),
            Self.plain.replacingOccurrences(of: "\"stock\":185", with: "\"stock\":185,\"stock\":3"),
            Self.plain.replacingOccurrences(of: "\"stock\":185", with: "\"stock\":185,\"colour\":\"red\""),
            Self.plain.replacingOccurrences(of: "\"stock\":185,", with: ""),
            Self.plain.replacingOccurrences(of: "physical", with: "vinyl"),
            Self.plain.replacingOccurrences(of: "Shidor.", with: "Shi\tdor."),
            Self.plain + " x",
            Self.plain + ",",
            String(Self.plain.dropLast()),
            Self.plain.replacingOccurrences(of: "[{", with: "[null,{"),
            Self.plain.replacingOccurrences(of: "\"NZD\"", with: "null"),
        ]
        for line in variants {
            let (quick, full) = Self.same(line)
            #expect(quick == nil || quick == full, "\(line)")
        }
        var invalid = Data(Self.plain.utf8)
        invalid[20] = 0xFF
        #expect(ProductLineDecoder.decode(invalid) == nil)
    }
}
