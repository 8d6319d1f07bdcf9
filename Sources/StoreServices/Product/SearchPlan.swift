import Foundation

/// How a listing keeps the products that contain every word of a query: the
/// condition on `products` and, when it can be had without reading the
/// matches one by one, their number.
///
/// A word of three or more characters goes through the search index, and
/// so costs what its matches cost. A word of one or two characters ("e",
/// "体") may be in most of the catalogue; its count is kept
/// (`ShortTermCounts`), and it decides the way: a common word reads the
/// products in the listing's order and stops once the page is full, a rare
/// one goes through the index, whichever reads fewer products.
struct SearchPlan {
    var condition: String
    var arguments: [SQLBindable?]
    /// The number of matches in the query's category (or in all), when known without counting them.
    var total: (() throws -> Int)?
}

extension ProductStore {
    /// The plan for `terms` in `category`, for a page that ends `window` products into the
    /// listing; nil when no product can match.
    func searchPlan(_ terms: [String], category: String?, window: Int) throws -> SearchPlan? {
        let short = terms.filter(ShortTermCounts.isShort)
        guard !short.isEmpty else {
            guard let filter = try search.filter(terms, in: database) else { return nil }
            return SearchPlan(condition: filter.condition, arguments: filter.arguments, total: category == nil ? filter.count : nil)
        }
        var counts: [Int] = []
        for term in short {
            let count = try ShortTermCounts.count(term, category: category, in: database)
            guard count > 0 else { return nil }
            counts.append(count)
        }
        let checks = Array(repeating: "INSTR(search_text, ?) > 0", count: short.count)
        let long = terms.filter { !ShortTermCounts.isShort($0) }
        if !long.isEmpty {
            // The long words narrow it down; the short ones are checked on those few texts.
            guard let filter = try search.filter(long, in: database) else { return nil }
            return SearchPlan(condition: ([filter.condition] + checks).joined(separator: " AND "),
                              arguments: filter.arguments + short, total: nil)
        }
        let exactTotal: (() throws -> Int)? = short.count == 1 ? { counts[0] } : nil
        let scope = Double(try productCount(category: category))
        // Matches expected if the words occur independently; reading in order costs about
        // window × scope / matches products, going through the index about the matches.
        let expected = counts.reduce(scope) { $0 * Double($1) / max(scope, 1) }
        if expected * expected >= Double(window) * scope {
            return SearchPlan(condition: checks.joined(separator: " AND "), arguments: short, total: exactTotal)
        }
        guard let filter = try search.filter(short, in: database) else { return nil }
        return SearchPlan(condition: filter.condition, arguments: filter.arguments,
                          total: exactTotal ?? (category == nil ? filter.count : nil))
    }

    /// Products in `category` or in all, from the kept counts.
    func productCount(category: String?) throws -> Int {
        guard let category else {
            return try database.queryOne("SELECT SUM(product_count) AS n FROM categories")?.int("n") ?? 0
        }
        return try database.queryOne("SELECT product_count FROM categories WHERE id = ?", category)?.int("product_count") ?? 0
    }
}
