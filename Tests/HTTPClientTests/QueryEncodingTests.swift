import StoreWire
import Testing
@testable import StoreHTTP

@Suite struct QueryEncodingTests {
    @Test func queryValuesArePercentEncoded() {
        let items = StoreClient.queryItems(ProductQuery(category: "BOOKS", text: "C++ & Ærø/東京 100%", limit: 25, offset: 50))
        let query = URLEncoding.queryString(items)
        #expect(query == "category=BOOKS&q=C%2B%2B%20%26%20%C3%86r%C3%B8%2F%E6%9D%B1%E4%BA%AC%20100%25&limit=25&offset=50")
    }

    @Test func unreservedCharactersPassAndEveryOtherByteIsEscapedInUpperCase() {
        #expect(URLEncoding.encode("Az09-._~") == "Az09-._~")
        #expect(URLEncoding.encode("a b+🛒\u{7F}") == "a%20b%2B%F0%9F%9B%92%7F")
        #expect(URLEncoding.encode("") == "")
    }

    @Test func emptyFiltersAreLeftOut() {
        let query = URLEncoding.queryString(StoreClient.queryItems(ProductQuery(category: "", text: nil)))
        #expect(query == "limit=25&offset=0")
    }

    @Test func pathSegmentsAreEncoded() {
        #expect(StoreClient.cartPath("a/b c", "items", "p?1") == "/cart/v1/carts/a%2Fb%20c/items/p%3F1")
        #expect(URLEncoding.path("order", "v1", "orders", "o#1", "cancel") == "/order/v1/orders/o%231/cancel")
    }
}
