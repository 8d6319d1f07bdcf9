import Foundation

/// Percent-encoding for path segments and query strings (RFC 3986 unreserved
/// characters pass through; everything else, including "/", "&", "=" and "+", is encoded).
enum URLEncoding {
    private static let unreserved = CharacterSet(charactersIn:
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")

    static func encode(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: unreserved) ?? ""
    }

    /// "a=1&b=x%20y", in the given order.
    static func queryString(_ items: [(String, String)]) -> String {
        items.map { "\(encode($0.0))=\(encode($0.1))" }.joined(separator: "&")
    }

    /// Joins raw segments into an encoded path: ["cart", "v1", "a/b"] → "/cart/v1/a%2Fb".
    static func path(_ segments: String...) -> String {
        "/" + segments.map(encode).joined(separator: "/")
    }
}
